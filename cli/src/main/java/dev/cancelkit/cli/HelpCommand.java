package dev.cancelkit.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code help [COMMAND...]} at every level: the help of the command the words name, from where it
 * was typed ({@code cancelkit help together batch cancel}, {@code cancelkit together help batch}).
 * picocli's own help command takes one word and answers an unknown one in its own words.
 */
@Command(
    name = "help",
    helpCommand = true,
    description = "Shows the help of a command: help together batch cancel.")
final class HelpCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, word by word.")
  List<String> words = new ArrayList<>();

  @Override
  public Integer call() {
    CommandLine at = spec.parent().commandLine();
    for (String word : words) {
      CommandLine next = at.getSubcommands().get(word);
      if (next == null) {
        throw new IllegalArgumentException(
            "'"
                + word
                + "' is not a command of '"
                + at.getCommandSpec().qualifiedName()
                + "': choose "
                + String.join(", ", at.getSubcommands().keySet()));
      }
      at = next;
    }
    at.usage(at.getOut());
    return ExitCodes.OK;
  }
}
