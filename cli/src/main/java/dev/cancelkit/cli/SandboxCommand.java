package dev.cancelkit.cli;

import dev.cancelkit.testkit.Sandbox;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "sandbox",
    description = {
      "Run the sandbox in the foreground, with its demo jobs, until Ctrl-C.",
      "It prints the export lines that point the library or another cancelkit at it; its jobs keep"
          + " their state between calls (cancel, then status)."
    })
final class SandboxCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "0",
      description = "The loopback port (default: a free one).")
  int port;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (port < 0 || port > 65535) {
      throw new ParameterException(spec.commandLine(), "--port must be 0-65535");
    }
    CancelkitCommand root = (CancelkitCommand) spec.root().userObject();
    Output out = root.output();
    try (Sandbox sandbox = Sandbox.startWithDemoJobs(port)) {
      out.line(
          "export TOGETHER_BASE_URL="
              + sandbox.togetherBaseUrl()
              + " TOGETHER_API_KEY="
              + Sandbox.API_KEY);
      out.line(
          "export CEREBRAS_BASE_URL="
              + sandbox.cerebrasBaseUrl()
              + " CEREBRAS_API_KEY="
              + Sandbox.API_KEY);
      out.line(
          "export ATAI_BASE_URL="
              + sandbox.archetypeBaseUrl()
              + " ATAI_API_KEY="
              + Sandbox.API_KEY);
      out.out.flush();
      out.err.println(
          "cancelkit: the sandbox is running with its demo jobs (cancelkit jobs --all lists them);"
              + " Ctrl-C stops it");
      new CountDownLatch(1).await(); // until Ctrl-C or SIGTERM interrupts this thread
    } catch (InterruptedException e) {
      out.err.println("cancelkit: sandbox stopped");
    }
    return ExitCodes.OK;
  }
}
