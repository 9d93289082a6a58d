package dev.cancelkit.cli;

import picocli.CommandLine.Command;

/**
 * {@code stop} for the kinds whose cancel is a stop (Together's dedicated endpoints and RL training
 * sessions): the same options and output as {@code cancel}.
 */
@Command(
    name = "stop",
    description =
        "Stop the job (a dedicated endpoint or RL session), the jobs given, or every job"
            + " listed in --ids-file.")
final class StopsCommand extends CancelCommand {
  @Override
  String verb() {
    return "stop";
  }
}
