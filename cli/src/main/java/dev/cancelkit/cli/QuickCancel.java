package dev.cancelkit.cli;

import dev.cancelkit.common.Cancellable;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command people start most, {@code PROVIDER KIND cancel ID} (with the root's on/off options,
 * {@code --json}, {@code -v} and {@code --sandbox}, anywhere, each at most once), run without
 * building picocli's model of it: about 80 ms of a start-up of 400 on a small machine. It makes the
 * same {@link Target} and prints through the same {@link JobCommand#one} and {@link Main#failed} as
 * the parsed command, so what a user sees does not depend on which path ran ({@code
 * QuickCancelTest} compares them). Any other form (another option, several ids, an id that begins
 * with {@code -} or {@code @}, a kind that takes options) is left to picocli.
 */
final class QuickCancel {
  private QuickCancel() {}

  /** Runs {@code args} if they are the quick form and returns the exit status; null if not. */
  static Integer run(String[] args, PrintStream out, PrintStream err) {
    Map<String, Field> switches = rootSwitches();
    Set<Field> given = new HashSet<>();
    List<String> words = new ArrayList<>(4);
    for (String arg : args) {
      Field option = switches.get(arg);
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
    Target target = target(words.get(0), words.get(1));
    if (target == null) {
      return null;
    }
    CancelkitCommand root = new CancelkitCommand(out, err);
    try {
      for (Field option : given) {
        option.setBoolean(root, true);
      }
    } catch (IllegalAccessException e) {
      return null;
    }
    PrintWriter errors = new PrintWriter(err, true);
    try {
      Signals.awaitInstalled();
      int exit;
      try {
        exit = cancel(root, target, words.get(3));
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

  /** The root command's on/off options ({@code --json}, {@code -v}, ...) by each of their names. */
  private static Map<String, Field> rootSwitches() {
    Map<String, Field> switches = new HashMap<>();
    for (Field f : CancelkitCommand.class.getDeclaredFields()) {
      Option option = f.getAnnotation(Option.class);
      if (option != null && f.getType() == boolean.class) {
        for (String name : option.names()) {
          switches.put(name, f);
        }
      }
    }
    return switches;
  }

  private static int cancel(CancelkitCommand root, Target target, String id) {
    return cancel(root.output(), target.name() + " cancel", target.cancellable(root.session()), id);
  }

  private static <R> int cancel(Output out, String what, Cancellable<R> jobs, String id) {
    return JobCommand.one(out, what, id, jobs::cancel);
  }

  /**
   * The kind of job {@code provider kind} names in {@link CommandTree}, if it has a {@code cancel}
   * and takes no options of its own; else null.
   */
  private static Target target(String provider, String kind) {
    for (Class<?> p : CommandTree.children(CancelkitCommand.class)) {
      if (!provider.equals(p.getAnnotation(Command.class).name())) {
        continue;
      }
      for (Class<?> k : CommandTree.children(p)) {
        if (kind.equals(k.getAnnotation(Command.class).name())
            && Target.class.isAssignableFrom(k)
            && CommandTree.children(k).contains(CancelCommand.class)
            && !hasOptions(k)) {
          try {
            return (Target) k.getDeclaredConstructor().newInstance();
          } catch (ReflectiveOperationException e) {
            return null;
          }
        }
      }
    }
    return null;
  }

  private static boolean hasOptions(Class<?> type) {
    for (Field f : type.getDeclaredFields()) {
      if (f.isAnnotationPresent(Option.class)) {
        return true;
      }
    }
    return false;
  }
}
