package dev.cancelkit.cli;

import dev.cancelkit.common.MissingApiKeyException;
import dev.cancelkit.common.internal.text.SafeText;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** The {@code cancelkit} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Signals.installInBackground(Thread.currentThread(), System.err);
    System.exit(run(args, System.out, System.err));
  }

  /** Runs one command line and returns its exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Integer quick = QuickCancel.run(args, out, err);
    if (quick == null) {
      quick = QuickHelp.run(args, out, err);
    }
    return quick != null ? quick : runParsed(args, out, err);
  }

  /** As {@link #run}, always through picocli. */
  static int runParsed(String[] args, PrintStream out, PrintStream err) {
    CancelkitCommand root = new CancelkitCommand(out, err);
    CommandLine cli =
        CommandTree.build(root, args)
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .setCaseInsensitiveEnumValuesAllowed(true)
            .setParameterExceptionHandler(Main::usageError)
            .setExecutionExceptionHandler(
                (e, commandLine, parseResult) -> failed(e, commandLine.getErr(), root.verbose));
    withHelp(cli);
    cli.setExecutionStrategy(
        parsed -> {
          Signals.awaitInstalled(); // before the command can send anything
          return new CommandLine.RunLast().execute(parsed);
        });
    try {
      int exit = cli.execute(args);
      return Signals.received() ? Signals.exitStatus() : exit;
    } finally {
      root.close();
      out.flush();
      err.flush();
    }
  }

  /**
   * A command that threw: one line saying why (and the stack trace under {@code --verbose}); exit 2
   * for what the user can fix (a bad id, a missing key, an unreadable file), else 1.
   */
  static int failed(Exception e, PrintWriter err, boolean verbose) {
    boolean usage =
        e instanceof IllegalArgumentException
            || e instanceof IllegalStateException
            || e instanceof UncheckedIOException;
    err.println("cancelkit: " + cliMessage(e));
    if (verbose) {
      e.printStackTrace(err);
    } else if (!usage) {
      err.println("(--verbose shows more)");
    }
    return usage ? ExitCodes.USAGE : ExitCodes.FAILED;
  }

  /** A library message, worded for the command line. */
  private static String cliMessage(Exception e) {
    if (e instanceof MissingApiKeyException m) {
      return "no API key for "
          + m.provider()
          + ": set "
          + m.variable()
          + " (or add --sandbox to try cancelkit without one)";
    }
    return e.getMessage();
  }

  /**
   * A command line that does not parse: one line saying what is wrong (naming the choices where a
   * word was not one), and where to find help; exit 2.
   */
  private static int usageError(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    String message = e.getMessage();
    if (e instanceof UnmatchedArgumentException u
        && !command.getSubcommands().isEmpty()
        && !u.getUnmatched().isEmpty()
        && !u.getUnmatched().get(0).startsWith("-")) {
      int depth = 0;
      for (CommandLine c = command.getParent(); c != null; c = c.getParent()) {
        depth++;
      }
      message =
          notACommand(
              u.getUnmatched().get(0),
              command.getCommandSpec().qualifiedName(),
              depth,
              command.getSubcommands().keySet());
    }
    return usageError(command.getErr(), message, command.getCommandSpec().qualifiedName());
  }

  /** A usage error's two lines on {@code err}: what is wrong, and where help is; exit 2. */
  static int usageError(PrintWriter err, String message, String command) {
    err.println("cancelkit: " + message);
    err.println("(" + command + " --help shows how to use it)");
    return ExitCodes.USAGE;
  }

  /**
   * Why {@code word} is not one of the {@code choices} of the command {@code depth} levels under
   * the root.
   */
  static String notACommand(String word, String command, int depth, Iterable<String> choices) {
    return "'"
        + SafeText.escape(word)
        + "' is not a "
        + (depth == 0 ? "provider or command" : depth == 1 ? "kind of job" : "command")
        + " of '"
        + command
        + "': choose "
        + String.join(", ", choices);
  }

  /** {@code -h}/{@code --help} on every command, however deep: help on stdout, exit 0. */
  static CommandLine withHelp(CommandLine command) {
    command.getCommandSpec().mixinStandardHelpOptions(true);
    command.getSubcommands().values().forEach(Main::withHelp);
    return command;
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
