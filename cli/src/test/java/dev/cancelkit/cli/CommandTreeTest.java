package dev.cancelkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandTreeTest {
  private static CommandLine lazy(String... args) {
    return CommandTree.build(new CancelkitCommand(System.out, System.err), args);
  }

  private static CommandLine full() {
    return CommandTree.full(new CancelkitCommand(System.out, System.err));
  }

  /** Whether picocli built this command from its class (a stand-in has no user object). */
  private static boolean real(CommandLine line) {
    return line.getCommandSpec().userObject() != null;
  }

  private static List<String> paths(CommandLine line, String prefix, List<String> into) {
    into.add(prefix);
    line.getSubcommands().forEach((name, sub) -> paths(sub, (prefix + " " + name).trim(), into));
    return into;
  }

  @Test
  void aCancelMakesOnlyItsPathReal() {
    CommandLine root = lazy("--json", "together", "batch", "cancel", "b1");
    CommandLine together = root.getSubcommands().get("together");
    CommandLine batch = together.getSubcommands().get("batch");
    assertTrue(real(together));
    assertTrue(real(batch));
    assertTrue(real(batch.getSubcommands().get("cancel")));
    assertFalse(real(root.getSubcommands().get("cerebras")));
    assertFalse(real(root.getSubcommands().get("jobs")));
    assertFalse(real(together.getSubcommands().get("queue")));
    assertTrue(batch.getSubcommands().get("status").getSubcommands().isEmpty());
  }

  @Test
  void everyLevelNamesTheSameSubcommandsAsTheFullTree() {
    List<String> full = paths(full(), "", new ArrayList<>());
    for (String path : full) {
      String[] words = path.isEmpty() ? new String[0] : path.split(" ");
      CommandLine line = lazy(words);
      for (String word : words) {
        line = line.getSubcommands().get(word);
      }
      CommandLine same = full();
      for (String word : words) {
        same = same.getSubcommands().get(word);
      }
      assertEquals(same.getSubcommands().keySet(), line.getSubcommands().keySet(), path);
      assertTrue(real(line), path);
    }
    assertEquals(46, full.size(), "commands in the tree (help at every level): " + full);
  }

  @Test
  void anOptionsValueIsNotTakenForASubcommand() {
    CommandLine queue =
        lazy("together", "queue", "--model", "cancel", "status", "r1")
            .getSubcommands()
            .get("together")
            .getSubcommands()
            .get("queue");
    assertTrue(real(queue.getSubcommands().get("status")));
    assertFalse(real(queue.getSubcommands().get("cancel")));
  }

  @Test
  void helpAndDoubleDashAndUnknownOptionsMakeEverythingReal() {
    for (String[] args :
        List.of(
            new String[] {"help", "cerebras", "batch"},
            new String[] {"--", "together"},
            new String[] {"--bogus", "together", "batch", "cancel", "b1"})) {
      CommandLine root = lazy(args);
      for (CommandLine sub : root.getSubcommands().values()) {
        assertTrue(real(sub), String.join(" ", args) + ": " + sub.getCommandName());
      }
    }
  }

  @Test
  void usageMessagesReadTheSameAsTheFullTrees() {
    for (String[] path :
        List.of(new String[] {}, new String[] {"together"}, new String[] {"cerebras", "batch"})) {
      CommandLine lazy = lazy(path);
      CommandLine full = full();
      for (String word : path) {
        lazy = lazy.getSubcommands().get(word);
        full = full.getSubcommands().get(word);
      }
      assertEquals(full.getUsageMessage(), lazy.getUsageMessage(), String.join(" ", path));
    }
  }

  @Test
  void helpSubcommandShowsARealCommandsHelp() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    assertEquals(0, Main.run(new String[] {"help", "together"}, print, print));
    String help = out.toString(StandardCharsets.UTF_8);
    assertTrue(help.contains("Usage: cancelkit together [-hvV]"), help);
    assertTrue(help.contains("  queue       Together queued requests"), help);
  }
}
