package dev.cancelkit.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code --timeout DURATION}, shared by jobs and cancel-all: the time the listing is given in all.
 * A kind still listing then is reported as failed and the others go on; in an emergency a person
 * would rather see the rest at once than wait on one provider that hangs or trickles.
 */
final class ListTimeout {
  /** Long enough for the longest real listing (hundreds of pages), short enough to wait for. */
  static final String DEFAULT = "30s";

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      defaultValue = DEFAULT,
      description =
          "The time the listing is given (default ${DEFAULT-VALUE}); a kind still listing then is"
              + " reported as failed, the others go on.")
  Duration timeout;

  /** The limit, refused when it is zero. */
  Duration limit(JobCommand command) {
    if (timeout.isZero()) {
      throw command.usage("--timeout must be more than 0");
    }
    return timeout;
  }
}
