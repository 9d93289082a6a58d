package dev.cancelkit.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi;

/**
 * Every command of the tree with the names of its subcommands and its help as picocli renders it,
 * with colours and without, written when the jar is built ({@link #main}, run by the build) and
 * read by {@link QuickHelp}. picocli takes 50 to 75 ms of a start-up to build the model it renders
 * help from; reading this file takes a few. {@code QuickHelpTest} holds it to what picocli prints,
 * for every command.
 */
final class HelpIndex {
  /** Where the build puts the index, beside this class. */
  static final String RESOURCE = "help.idx";

  private static final int FORMAT = 2;

  /**
   * One command: its name as help shows it, depth under the root, whether it has a required option
   * or parameter, its subcommands' names and aliases (each to the number of its node) and its help.
   */
  record Node(
      String qualifiedName,
      int depth,
      boolean requires,
      List<String> keys,
      int[] children,
      String plain,
      String ansi) {
    /** The help, with picocli's colours or without. */
    String help(boolean colours) {
      return colours ? ansi : plain;
    }
  }

  private final String lineSeparator;
  private final List<Node> nodes;

  private HelpIndex(String lineSeparator, List<Node> nodes) {
    this.lineSeparator = lineSeparator;
    this.nodes = nodes;
  }

  /** The root command. */
  Node root() {
    return nodes.get(0);
  }

  /** The subcommand of {@code node} that {@code word} names (a name or an alias), or null. */
  Node child(Node node, String word) {
    int i = node.keys().indexOf(word);
    return i < 0 ? null : nodes.get(node.children()[i]);
  }

  /** The line separator the help was rendered with. */
  String lineSeparator() {
    return lineSeparator;
  }

  /** The index in the jar; null if it is missing or unreadable (picocli then renders the help). */
  static HelpIndex load() {
    try (InputStream in = HelpIndex.class.getResourceAsStream(RESOURCE)) {
      return in == null ? null : read(in);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  static HelpIndex read(InputStream stream) throws IOException {
    DataInputStream in = new DataInputStream(stream);
    if (in.readInt() != FORMAT) {
      return null;
    }
    String lineSeparator = in.readUTF();
    int count = in.readInt();
    List<Node> nodes = new ArrayList<>(count);
    for (int n = 0; n < count; n++) {
      String name = in.readUTF();
      int depth = in.readInt();
      boolean requires = in.readBoolean();
      int keyCount = in.readInt();
      List<String> keys = new ArrayList<>(keyCount);
      int[] children = new int[keyCount];
      for (int k = 0; k < keyCount; k++) {
        keys.add(in.readUTF());
        children[k] = in.readInt();
      }
      nodes.add(new Node(name, depth, requires, keys, children, text(in), text(in)));
    }
    return new HelpIndex(lineSeparator, nodes);
  }

  /** Writes the index of the tree under {@code root}, each command configured as it runs. */
  static void write(CommandLine root, OutputStream stream) throws IOException {
    List<CommandLine> order = new ArrayList<>();
    Map<CommandLine, Integer> numbers = new IdentityHashMap<>();
    number(root, order, numbers);
    DataOutputStream out = new DataOutputStream(stream);
    out.writeInt(FORMAT);
    out.writeUTF(System.lineSeparator());
    out.writeInt(order.size());
    for (CommandLine command : order) {
      out.writeUTF(command.getCommandSpec().qualifiedName());
      int depth = 0;
      for (CommandLine c = command.getParent(); c != null; c = c.getParent()) {
        depth++;
      }
      out.writeInt(depth);
      out.writeBoolean(
          command.getCommandSpec().args().stream().anyMatch(CommandLine.Model.ArgSpec::required));
      Map<String, CommandLine> subcommands = command.getSubcommands();
      out.writeInt(subcommands.size());
      for (Map.Entry<String, CommandLine> e : subcommands.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeInt(numbers.get(e.getValue()));
      }
      text(out, usage(command, Ansi.OFF));
      text(out, usage(command, Ansi.ON));
    }
    out.flush();
  }

  private static void number(
      CommandLine command, List<CommandLine> order, Map<CommandLine, Integer> numbers) {
    if (numbers.putIfAbsent(command, order.size()) != null) {
      return; // an alias of a subcommand already numbered
    }
    order.add(command);
    for (CommandLine child : command.getSubcommands().values()) {
      number(child, order, numbers);
    }
  }

  private static String usage(CommandLine command, Ansi ansi) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    command.usage(out, Help.defaultColorScheme(ansi));
    out.flush();
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** Text of any length (writeUTF takes at most 64 KiB). */
  private static void text(DataOutputStream out, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String text(DataInputStream in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** The whole tree as the command line runs it: the one the jar's help is drawn from. */
  static CommandLine tree() {
    return Main.withHelp(CommandTree.full(new CancelkitCommand(System.out, System.err)));
  }

  /** Build time: writes the index to the file {@code args[0]}. */
  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      write(tree(), out);
    }
  }
}
