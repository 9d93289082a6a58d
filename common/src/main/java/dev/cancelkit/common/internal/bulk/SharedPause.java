package dev.cancelkit.common.internal.bulk;

import dev.cancelkit.common.internal.attempt.Gate;
import dev.cancelkit.common.internal.attempt.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import okhttp3.Headers;

/**
 * The {@link Gate} of one bulk run: until the run has learnt the provider's rate, a 429 seen by any
 * call pauses all of them; {@link Pacing} spaces the sends at the rate the provider admits once it
 * has shown a limit, and from then on a 429 holds back only the refused request (its retry waits
 * its {@code Retry-After}) and may lower the pace.
 */
final class SharedPause implements Gate {
  private final Clock clock;
  private final Pacing pacing = new Pacing();
  private Instant until = Instant.MIN;
  private Duration stoppedFor;

  SharedPause(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Duration pause() {
    Instant now = clock.instant();
    long at = nanos(now);
    if (pacing.pauseUntil() > at) { // a 429 that paused nobody at first pauses the run after all
      Duration late = Duration.ofNanos(pacing.pauseUntil() - at);
      if (now.plus(late).isAfter(until)) {
        return late;
      }
    }
    Duration left = Duration.between(now, until);
    return left.isNegative() ? Duration.ZERO : left;
  }

  @Override
  public synchronized void rateLimited(Duration wait, Instant sentAt, Headers headers) {
    if (wait.compareTo(RetryPolicy.MAX_RETRY_AFTER) > 0) {
      if (stoppedFor == null) {
        stoppedFor = wait;
      }
      return;
    }
    Instant now = clock.instant();
    if (pacing.learnt()) { // only the refused request waits (its retry); the pace may go down
      pacing.refused(nanos(now), nanos(sentAt), nanos(now.plus(wait)), remaining(headers), false);
      return;
    }
    Instant end = now.plus(wait);
    if (end.isAfter(until)) {
      until = end;
    }
    pacing.refused(nanos(now), nanos(sentAt), nanos(until), remaining(headers), true);
  }

  @Override
  public synchronized Duration reserve() {
    Instant now = clock.instant();
    return Duration.ofNanos(pacing.reserve(nanos(now)));
  }

  @Override
  public synchronized void answered(Instant sentAt, Headers headers) {
    Instant now = clock.instant();
    pacing.admitted(nanos(now), nanos(sentAt), remaining(headers), reset(headers));
  }

  /** The provider's {@code x-ratelimit-remaining} (or {@code -remaining-requests}); -1 if none. */
  static long remaining(Headers headers) {
    String v = first(headers, "x-ratelimit-remaining", "x-ratelimit-remaining-requests");
    if (v == null) {
      return -1;
    }
    try {
      return Math.max(0, (long) Double.parseDouble(v.trim()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * The provider's {@code x-ratelimit-reset} (or {@code -reset-requests}) as nanoseconds from now:
   * seconds ({@code 0.25}), a duration ({@code 250ms}, {@code 1s}, {@code 1m30s}) or a Unix time in
   * seconds; null if none or unreadable.
   */
  Long reset(Headers headers) {
    String v = first(headers, "x-ratelimit-reset", "x-ratelimit-reset-requests");
    if (v == null) {
      return null;
    }
    v = v.trim();
    try {
      double seconds = Double.parseDouble(v);
      if (seconds > 1_000_000_000) { // a Unix time
        seconds -= clock.instant().toEpochMilli() / 1000.0;
      }
      return seconds < 0 ? 0L : (long) (seconds * 1e9);
    } catch (NumberFormatException e) {
      long total = 0;
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)").matcher(v);
      int end = 0;
      while (m.find() && m.start() == end) {
        double n = Double.parseDouble(m.group(1));
        double unit =
            switch (m.group(2)) {
              case "ms" -> 1e6;
              case "s" -> 1e9;
              case "m" -> 60e9;
              default -> 3600e9;
            };
        total += (long) (n * unit);
        end = m.end();
      }
      return end == v.length() && end > 0 ? total : null;
    }
  }

  private static String first(Headers headers, String... names) {
    for (String name : names) {
      String v = headers.get(name);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  @Override
  public synchronized Duration stoppedFor() {
    return stoppedFor;
  }
}
