package dev.cancelkit.common.internal.attempt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * When a call as a whole must be over, and what set that time (for the message when it passes).
 *
 * @param at the instant, on the client's clock
 * @param what what set it, such as {@code the total timeout of 30 s}
 */
public record Deadline(Instant at, String what) {
  /** The deadline {@code length} from now, or null when {@code length} is null (no deadline). */
  public static Deadline after(Clock clock, Duration length, String what) {
    return length == null ? null : new Deadline(clock.instant().plus(length), what);
  }

  /** The earlier of two deadlines, either of which may be null. */
  static Deadline earlier(Deadline a, Deadline b) {
    if (a == null) {
      return b;
    }
    return b == null || !b.at.isBefore(a.at) ? a : b;
  }

  /** The time left, never negative. */
  public Duration left(Clock clock) {
    Duration d = Duration.between(clock.instant(), at);
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** {@code 1.5 s}, {@code 250 ms}, {@code 3600 s}: a duration as messages print it. */
  public static String words(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }
}
