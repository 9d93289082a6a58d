package dev.cancelkit.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;

/** The {@code cancelkit} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Signals.install(Thread.currentThread(), System.err);
    System.exit(run(args, System.out, System.err));
  }

  /** Runs one command line and returns its exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    CancelkitCommand root = new CancelkitCommand(out, err);
    CommandLine cli =
        new CommandLine(root)
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .setCaseInsensitiveEnumValuesAllowed(true)
            .setExecutionExceptionHandler(
                (e, commandLine, parseResult) -> {
                  boolean usage =
                      e instanceof IllegalArgumentException
                          || e instanceof IllegalStateException
                          || e instanceof UncheckedIOException;
                  String hint =
                      e.getMessage() != null && e.getMessage().startsWith("No API key")
                          ? " (or add --sandbox to try cancelkit without one)"
                          : "";
                  commandLine.getErr().println("cancelkit: " + e.getMessage() + hint);
                  if (root.verbose) {
                    e.printStackTrace(commandLine.getErr());
                  } else if (!usage) {
                    commandLine.getErr().println("(--verbose shows more)");
                  }
                  return usage ? ExitCodes.USAGE : ExitCodes.FAILED;
                });
    withHelp(cli);
    try {
      int exit = cli.execute(args);
      return Signals.received() ? Signals.exitStatus() : exit;
    } finally {
      root.close();
      out.flush();
      err.flush();
    }
  }

  /** {@code -h}/{@code --help} on every command, however deep: help on stdout, exit 0. */
  private static void withHelp(CommandLine command) {
    command.getCommandSpec().mixinStandardHelpOptions(true);
    command.getSubcommands().values().forEach(Main::withHelp);
  }

  /** The version printed by {@code --version}. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"cancelkit " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
  }
}
