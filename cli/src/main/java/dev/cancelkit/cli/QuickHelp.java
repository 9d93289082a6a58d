package dev.cancelkit.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine.Help.Ansi;

/**
 * The commands that only print what the tree says, answered from the {@link HelpIndex} without
 * building picocli's model: {@code [COMMAND...] --help} (or {@code -h}), {@code help [COMMAND...]},
 * {@code --version} (or {@code -V}), a command that needs a subcommand and has none, and a word
 * that is not a subcommand. Only words that name commands may come before; anything else (another
 * option, a word a command takes, a picocli setting in the system properties) is left to picocli,
 * which prints the same ({@code QuickHelpTest} compares them for every command).
 */
final class QuickHelp {
  private QuickHelp() {}

  /**
   * Runs {@code args} if they are one of the quick forms and returns the exit status; null if not.
   */
  static Integer run(String[] args, PrintStream out, PrintStream err) {
    if (picocliConfigured()) {
      return null;
    }
    for (String arg : args) {
      if (arg.isEmpty() || arg.startsWith("@")) {
        return null; // picocli reads @FILE as more arguments
      }
    }
    HelpIndex index = HelpIndex.load();
    if (index == null || !index.lineSeparator().equals(System.lineSeparator())) {
      return null;
    }
    HelpIndex.Node node = index.root();
    int i = 0;
    for (; i < args.length; i++) {
      HelpIndex.Node next = args[i].equals("help") ? null : index.child(node, args[i]);
      if (next == null) {
        break;
      }
      node = next;
    }
    String[] rest = Arrays.copyOfRange(args, i, args.length);
    if (rest.length == 1 && (rest[0].equals("--help") || rest[0].equals("-h"))) {
      return help(node, out);
    }
    if (i == 0 && rest.length == 1 && (rest[0].equals("--version") || rest[0].equals("-V"))) {
      // (the version is the root's: picocli prints nothing for a subcommand's -V)
      out.println(new Main.Version().getVersion()[0]);
      out.flush();
      return ExitCodes.OK;
    }
    if (rest.length >= 1 && rest[0].equals("help") && index.child(node, "help") != null) {
      for (int w = 1; w < rest.length; w++) {
        node = index.child(node, rest[w]);
        if (node == null || rest[w].startsWith("-")) {
          return null; // picocli says what is wrong with it
        }
      }
      return help(node, out);
    }
    if (node.keys().isEmpty() || node.requires()) {
      return null; // picocli first says what is missing
    }
    for (String word : rest) {
      if (word.startsWith("-") || node.keys().contains(word)) {
        return null; // picocli reads on after a word it does not know
      }
    }
    PrintWriter errors = new PrintWriter(err, true);
    int exit =
        rest.length == 0
            ? Main.usageError(errors, "Missing required subcommand", node.qualifiedName())
            : Main.usageError(
                errors,
                Main.notACommand(rest[0], node.qualifiedName(), node.depth(), node.keys()),
                node.qualifiedName());
    errors.flush();
    return exit;
  }

  private static int help(HelpIndex.Node node, PrintStream out) {
    out.print(node.help(Ansi.AUTO.enabled()));
    out.flush();
    return ExitCodes.OK;
  }

  /**
   * Whether a system property sets how picocli renders ({@code picocli.usage.width}, colours...):
   * the index holds help as it renders without them. {@code picocli.ansi} alone is read, as picocli
   * reads it.
   */
  private static boolean picocliConfigured() {
    for (Object key : System.getProperties().keySet()) {
      String name = String.valueOf(key);
      if (name.startsWith("picocli.") && !name.equals("picocli.ansi")) {
        return true;
      }
    }
    return false;
  }
}
