package dev.cancelkit.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command tree, built only along the path the arguments take.
 *
 * <p>picocli reflects over every command of a tree given by {@code @Command(subcommands = ...)}
 * before it parses a word: for this tree that was about a third of a cancel's start-up. Here the
 * tree is written once, as classes, and each level makes real commands only of the subcommand its
 * arguments name; its siblings are stand-ins that carry just a name and a description, which is all
 * a usage message or a "choose ..." error reads. {@code help WORD}, a {@code --} or an option the
 * level does not know (it might take a value) make the whole level and everything under it real, so
 * nothing a user can ask for is missing.
 */
final class CommandTree {
  private CommandTree() {}

  /** Each command's subcommands, in the order help lists them. */
  private static final Map<Class<?>, List<Class<?>>> CHILDREN =
      tree(
          CancelkitCommand.class,
          List.of(
              ProviderCommands.Together.class,
              ProviderCommands.Cerebras.class,
              ProviderCommands.Archetype.class,
              JobsCommand.class,
              CancelAllCommand.class,
              DemoCommand.class,
              SandboxCommand.class,
              HelpCommand.class),
          ProviderCommands.Together.class,
          List.of(
              ProviderCommands.TogetherBatch.class,
              ProviderCommands.TogetherFineTune.class,
              ProviderCommands.TogetherQueue.class,
              ProviderCommands.TogetherEndpoint.class,
              ProviderCommands.TogetherRlSession.class,
              HelpCommand.class),
          ProviderCommands.TogetherEndpoint.class,
          List.of(StopsCommand.class, StatusCommand.class, HelpCommand.class),
          ProviderCommands.TogetherRlSession.class,
          List.of(StopsCommand.class, StatusCommand.class, HelpCommand.class),
          ProviderCommands.TogetherBatch.class,
          List.of(CancelCommand.class, StatusCommand.class, HelpCommand.class),
          ProviderCommands.TogetherFineTune.class,
          List.of(CancelCommand.class, StatusCommand.class, HelpCommand.class),
          ProviderCommands.TogetherQueue.class,
          List.of(CancelCommand.class, StatusCommand.class, ClearCommand.class, HelpCommand.class),
          ProviderCommands.Cerebras.class,
          List.of(ProviderCommands.CerebrasBatch.class, HelpCommand.class),
          ProviderCommands.CerebrasBatch.class,
          List.of(CancelCommand.class, StatusCommand.class, HelpCommand.class),
          ProviderCommands.Archetype.class,
          List.of(
              ProviderCommands.ArchetypeFineTune.class,
              ProviderCommands.ArchetypeBatch.class,
              HelpCommand.class),
          ProviderCommands.ArchetypeBatch.class,
          List.of(CancelCommand.class, StatusCommand.class, HelpCommand.class),
          ProviderCommands.ArchetypeFineTune.class,
          List.of(CancelCommand.class, StopCommand.class, StatusCommand.class, HelpCommand.class));

  /** A map of commands to their subcommands, from {@code command, List.of(children...)} pairs. */
  @SuppressWarnings("unchecked")
  private static Map<Class<?>, List<Class<?>>> tree(Object... pairs) {
    Map<Class<?>, List<Class<?>>> tree = new java.util.HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      tree.put((Class<?>) pairs[i], (List<Class<?>>) pairs[i + 1]);
    }
    return Map.copyOf(tree);
  }

  /** The subcommands of {@code command} (none for a leaf). */
  static List<Class<?>> children(Class<?> command) {
    return CHILDREN.getOrDefault(command, List.of());
  }

  /** The tree under {@code root} that parsing {@code args} needs. */
  static CommandLine build(Object root, String[] args) {
    CommandLine line = new CommandLine(root);
    attach(line, root.getClass(), args, 0, false);
    return line;
  }

  /** The whole tree, every command real (for tests that walk it). */
  static CommandLine full(Object root) {
    CommandLine line = new CommandLine(root);
    attach(line, root.getClass(), new String[0], 0, true);
    return line;
  }

  private static void attach(
      CommandLine line, Class<?> type, String[] args, int from, boolean everything) {
    List<Class<?>> children = CHILDREN.get(type);
    if (children == null) {
      return;
    }
    int at = nextWord(line.getCommandSpec(), args, from);
    String word = at < 0 ? null : args[at];
    boolean all = everything || at == AMBIGUOUS || "help".equals(word);
    for (Class<?> child : children) {
      Command about = child.getAnnotation(Command.class);
      if (all || matches(about, word)) {
        CommandLine real = new CommandLine(child);
        line.addSubcommand(about.name(), real);
        attach(real, child, args, at + 1, all);
      } else {
        line.addSubcommand(about.name(), standIn(about));
      }
    }
  }

  private static final int AMBIGUOUS = -2;

  /**
   * Where the first word that is not an option (or an option's value) stands from {@code from}: -1
   * if none, {@link #AMBIGUOUS} after a {@code --} or an option this level does not know (which
   * might take a value).
   */
  private static int nextWord(CommandSpec spec, String[] args, int from) {
    for (int i = Math.max(from, 0); i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        return AMBIGUOUS;
      }
      if (!arg.startsWith("-") || arg.equals("-")) {
        return i;
      }
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      OptionSpec option = spec.findOption(name);
      if (option == null) {
        return AMBIGUOUS;
      }
      if (option.arity().max() > 0 && !arg.contains("=")) {
        i++; // its value
      }
    }
    return -1;
  }

  private static boolean matches(Command about, String word) {
    return word != null
        && (about.name().equals(word) || Arrays.asList(about.aliases()).contains(word));
  }

  /** A subcommand as a usage message lists it: name, aliases, description, nothing to run. */
  private static CommandLine standIn(Command about) {
    CommandSpec spec = CommandSpec.create().name(about.name()).aliases(about.aliases());
    spec.usageMessage()
        .description(about.description())
        .header(about.header())
        .hidden(about.hidden());
    return new CommandLine(spec);
  }
}
