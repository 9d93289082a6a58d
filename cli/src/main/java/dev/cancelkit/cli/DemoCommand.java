package dev.cancelkit.cli;

import dev.cancelkit.archetype.ArchetypeClient;
import dev.cancelkit.cerebras.CerebrasClient;
import dev.cancelkit.common.ApiStatusException;
import dev.cancelkit.common.BulkOptions;
import dev.cancelkit.common.CancelOutcome;
import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.Cancellable;
import dev.cancelkit.common.JobStatus;
import dev.cancelkit.testkit.Sandbox;
import dev.cancelkit.together.TogetherClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    description =
        "A tour against the embedded sandbox, no key and no network: the five cancel "
            + "operations, a stop, a wait until done, and a bulk cancel.")
final class DemoCommand implements Callable<Integer> {
  private static final String ROW = "%-10s %-24s %-30s %-18s %-17s %s%n";

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CancelkitCommand root = (CancelkitCommand) spec.root().userObject();
    PrintStream out = root.output().out;
    try (Session session = new Session(true)) {
      Sandbox sandbox = session.sandbox();
      TogetherClient together = session.together();
      CerebrasClient cerebras = session.cerebras();
      ArchetypeClient archetype = session.archetype();
      out.println(
          "cancelkit demo: the real clients over real HTTP, against the sandbox at "
              + sandbox
              + "\n");
      out.printf(
          ROW, "provider", "call", "job id", "state", "provider status", "HTTP / request id");
      Cancellable<?> queue = together.queue("meta-llama/Llama-3-8b");
      show(out, "together", "queue(model).cancel", queue, "req_pending_01");
      show(out, "together", "queue(model).cancel", queue, "req_running_02");
      show(out, "together", "batches().cancel", together.batches(), "batch_job_abc123def456");
      show(out, "together", "batches().cancel", together.batches(), "batch_job_done789");
      show(out, "together", "fineTunes().cancel", together.fineTunes(), "ft-01234567890123456789");
      show(out, "cerebras", "batches().cancel", cerebras.batches(), "batch_abc123");
      show(
          out,
          "archetype",
          "fineTuneJobs().cancel",
          archetype.fineTuneJobs(),
          "ftj-my-finetune-run-3de60a5c");
      show(
          out,
          "archetype",
          "fineTuneJobs().cancel",
          archetype.fineTuneJobs(),
          "ftj-finished-run-77aa");
      show(out, "cerebras", "batches().cancel", cerebras.batches(), "batch_does_not_exist");
      show(out, "archetype", "fineTuneJobs().cancel", archetype.fineTuneJobs(), "x".repeat(65));

      sandbox
          .jobs()
          .settleAfter(Duration.ofSeconds(1))
          .cerebrasBatch("batch_wait_1", "in_progress");
      out.println(
          "\nwait: cerebras.batches().cancelAndAwait(\"batch_wait_1\", 1 min), printing each change:");
      CancelResult<?> waited =
          cerebras.batches().cancelAndAwait("batch_wait_1", Duration.ofMinutes(1), changes(out));
      out.println("  done: " + waited.state());

      CancelResult<?> stopped =
          archetype.fineTuneJobs().stopAndAwait("ftj-graceful-run-5b6c", Duration.ofMinutes(1));
      out.println(
          "\nstop: archetype.fineTuneJobs().stopAndAwait(\"ftj-graceful-run-5b6c\") ended "
              + stopped.providerStatus()
              + " ("
              + stopped.state()
              + ")");

      sandbox.jobs().togetherEndpoint("endpoint-demo-idle-h200", "STARTED");
      JobStatus<?> idle =
          together.endpoints().active().stream()
              .filter(e -> e.jobId().equals("endpoint-demo-idle-h200"))
              .findFirst()
              .orElseThrow();
      out.println(
          "\nendpoint: together.endpoints().cancelAndAwait(\"endpoint-demo-idle-h200\"), an idle"
              + " endpoint that costs "
              + idle.usdPerHour().map(JobsCommand::money).map(m -> m + "/h").orElse("(not said)")
              + ", stopped with PATCH {\"state\": \"STOPPED\"}:");
      CancelResult<?> endpoint =
          together
              .endpoints()
              .cancelAndAwait("endpoint-demo-idle-h200", Duration.ofMinutes(1), changes(out));
      out.println("  done: " + endpoint.state());

      List<String> ids =
          IntStream.range(0, 500).mapToObj(i -> "batch_bulk_" + i).collect(Collectors.toList());
      for (int i = 0; i < ids.size(); i++) {
        sandbox.jobs().cerebrasBatch(ids.get(i), i % 10 == 0 ? "completed" : "in_progress");
      }
      sandbox.faults().everyNth(100, 429);
      long bulkStart = System.nanoTime();
      List<CancelOutcome<?>> outcomes =
          List.copyOf(cerebras.batches().cancelAll(ids, BulkOptions.defaults()));
      sandbox.faults().none();
      Map<String, Long> counts =
          new TreeMap<>(
              outcomes.stream()
                  .collect(Collectors.groupingBy(Output::label, Collectors.counting())));
      out.printf(
          "%nbulk: cerebras.batches().cancelAll(500 ids, concurrency 8), every 100th request answered 429:%n"
              + "  %s in %.1f s%n",
          counts, (System.nanoTime() - bulkStart) / 1e9);
      out.println(
          "\nNext: ./cancelkit --help, or ./cancelkit --sandbox cerebras batch cancel batch_abc123 --wait");
    }
    return ExitCodes.OK;
  }

  /** Prints each change a wait sees, with the seconds since the wait began. */
  private static <R> Consumer<CancelResult<R>> changes(PrintStream out) {
    long start = System.nanoTime();
    return c ->
        out.printf(
            "  %5.1f s  %-11s %s%n",
            (System.nanoTime() - start) / 1e9, c.state(), c.providerStatus());
  }

  private static void show(
      PrintStream out, String provider, String call, Cancellable<?> cancellable, String id) {
    String shownId = id.length() > 28 ? id.substring(0, 25) + "..." : id;
    try {
      CancelResult<?> r = cancellable.cancel(id);
      out.printf(
          ROW,
          provider,
          call,
          shownId,
          r.state(),
          r.providerStatus(),
          r.httpStatus() + " " + r.requestId().orElse(""));
    } catch (ApiStatusException e) {
      out.printf(
          ROW,
          provider,
          call,
          shownId,
          e.getClass().getSimpleName(),
          "-",
          e.statusCode() + " " + e.requestId().orElse("") + "  " + e.errorMessage());
    } catch (IllegalArgumentException e) {
      out.printf(
          ROW,
          provider,
          call,
          shownId,
          "refused",
          "-",
          "nothing sent: " + e.getMessage().replace(id, shownId));
    }
  }
}
