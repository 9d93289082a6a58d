package dev.cancelkit.cli;

import java.time.Duration;
import java.util.Map;
import java.util.Stack;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code --wait[=DURATION]}, shared by cancel, stop and cancel-all; before or after the ids: the
 * argument after a bare {@code --wait} is its duration only if it reads as one.
 */
final class WaitOption {
  /** How long a bare {@code --wait} follows a job. */
  static final String DEFAULT = "10m";

  @Option(
      names = "--wait",
      arity = "0..1",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      preprocessor = WaitOption.OnlyADuration.class,
      description =
          "Follow the job until it is done (cancelled, stopped or finished), at most DURATION "
              + "(default "
              + DEFAULT
              + "): 30s, 5m, 1h30m.")
  Duration wait;

  /** Takes the next argument as the duration only if it is one; else the default. */
  static final class OnlyADuration implements IParameterPreprocessor {
    @Override
    public boolean preprocess(
        Stack<String> args, CommandSpec command, ArgSpec option, Map<String, Object> info) {
      if (" ".equals(info.get("separator"))
          && (args.isEmpty() || !DurationConverter.looksLikeOne(args.peek()))) {
        args.push(DEFAULT); // `--wait ID`: the id stays an id
      }
      return false;
    }
  }
}
