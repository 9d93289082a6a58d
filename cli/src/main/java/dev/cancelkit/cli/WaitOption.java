package dev.cancelkit.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --wait[=DURATION]}, shared by cancel and stop. */
final class WaitOption {
  @Option(
      names = "--wait",
      arity = "0..1",
      fallbackValue = "10m",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "Follow the job until it is done (cancelled, stopped or finished), at most DURATION "
              + "(default 10m): 30s, 5m, 1h.")
  Duration wait;
}
