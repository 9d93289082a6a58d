package dev.cancelkit.cli;

import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command; its subcommands are listed in {@link CommandTree}. */
@Command(
    name = "cancelkit",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Cancel jobs on Together AI, Cerebras and Archetype AI, and know what state they are in.",
      "",
      "Keys come from TOGETHER_API_KEY, CEREBRAS_API_KEY and ATAI_API_KEY; base URLs from"
          + " TOGETHER_BASE_URL, CEREBRAS_BASE_URL and ATAI_BASE_URL. --sandbox runs against a local"
          + " simulator with demo jobs instead.",
      "",
      "CANCELKIT_LOG=debug prints every request and answer (keys masked) to stderr."
    },
    footer = ExitCodes.HELP)
final class CancelkitCommand {
  @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print machine-readable JSON.")
  boolean json;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Show stack traces of failures.")
  boolean verbose;

  @Option(
      names = "--sandbox",
      scope = ScopeType.INHERIT,
      description = "Run against the embedded sandbox and its demo jobs: no key, no network.")
  boolean sandbox;

  private final PrintStream out;
  private final PrintStream err;
  private Session session;
  private Output output;

  CancelkitCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  Session session() {
    if (session == null) {
      session = new Session(sandbox);
    }
    return session;
  }

  Output output() {
    if (output == null) {
      output = new Output(out, err, json, verbose);
    }
    return output;
  }

  void close() {
    if (session != null) {
      session.close();
    }
  }
}
