package dev.cancelkit.cli;

import dev.cancelkit.common.Cancellable;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The command people start most, {@code PROVIDER KIND cancel ID} (with the root's on/off options,
 * {@code --json}, {@code -v} and {@code --sandbox}, anywhere, each at most once), run without
 * building picocli's model of it: about 80 ms of a start-up of 400 on a small machine. It makes the
 * same {@link Target} (from {@link #KINDS}) and prints through the same {@link JobCommand#one} and
 * {@link Main#failed} as the parsed command, so what a user sees does not depend on which path ran
 * ({@code QuickCancelTest} compares them). Any other form (another option, several ids, an id that
 * begins with {@code -} or {@code @}, a kind that takes options) is left to picocli.
 */
final class QuickCancel {
  private QuickCancel() {}

  /**
   * The kinds a quick cancel reaches, by {@code PROVIDER KIND}: those of {@link CommandTree} that
   * have a {@code cancel} and take no options of their own. Written out, not read from the
   * annotations: reading them took about a tenth of a cancel's start-up ({@code QuickCancelTest}
   * holds this table to the tree).
   */
  static final Map<String, Supplier<Target>> KINDS =
      Map.of(
          "together batch", ProviderCommands.TogetherBatch::new,
          "together fine-tune", ProviderCommands.TogetherFineTune::new,
          "cerebras batch", ProviderCommands.CerebrasBatch::new,
          "archetype fine-tune", ProviderCommands.ArchetypeFineTune::new,
          "archetype batch", ProviderCommands.ArchetypeBatch::new);

  /**
   * The root command's on/off options by each of their names, to the field each sets ({@code
   * QuickCancelTest} holds this table to the annotations of {@link CancelkitCommand}).
   */
  static final Map<String, String> SWITCHES =
      Map.of("--json", "json", "-v", "verbose", "--verbose", "verbose", "--sandbox", "sandbox");

  /** Runs {@code args} if they are the quick form and returns the exit status; null if not. */
  static Integer run(String[] args, PrintStream out, PrintStream err) {
    Set<String> given = new HashSet<>();
    List<String> words = new ArrayList<>(4);
    for (String arg : args) {
      String option = SWITCHES.get(arg);
      if (option != null) {
        if (!given.add(option)) {
          return null; // picocli says what it thinks of a repeated option
        }
      } else if (arg.isEmpty() || arg.startsWith("-") || arg.startsWith("@")) {
        return null;
      } else {
        words.add(arg);
      }
    }
    if (words.size() != 4 || !words.get(2).equals("cancel")) {
      return null;
    }
    Supplier<Target> kind = KINDS.get(words.get(0) + " " + words.get(1));
    if (kind == null) {
      return null;
    }
    Warmup.ofACall();
    CancelkitCommand root = new CancelkitCommand(out, err);
    root.json = given.contains("json");
    root.verbose = given.contains("verbose");
    root.sandbox = given.contains("sandbox");
    PrintWriter errors = new PrintWriter(err, true);
    try {
      Signals.awaitInstalled();
      int exit;
      try {
        exit = cancel(root, kind.get(), words.get(3));
      } catch (RuntimeException e) {
        exit = Main.failed(e, errors, root.verbose);
      }
      return Signals.received() ? Signals.exitStatus() : exit;
    } finally {
      root.close();
      errors.flush();
      out.flush();
      err.flush();
    }
  }

  private static int cancel(CancelkitCommand root, Target target, String id) {
    return cancel(root.output(), target.name() + " cancel", target.cancellable(root.session()), id);
  }

  private static <R> int cancel(Output out, String what, Cancellable<R> jobs, String id) {
    return JobCommand.one(out, what, id, jobs::cancel);
  }
}
