package dev.cancelkit.common.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The {@link Gate} of one bulk run: a 429 seen by any call pauses all of them. */
final class SharedPause implements Gate {
  private final Clock clock;
  private Instant until = Instant.MIN;
  private Duration stoppedFor;

  SharedPause(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Duration pause() {
    Duration left = Duration.between(clock.instant(), until);
    return left.isNegative() ? Duration.ZERO : left;
  }

  @Override
  public synchronized void rateLimited(Duration wait) {
    if (wait.compareTo(RetryPolicy.MAX_RETRY_AFTER) > 0) {
      if (stoppedFor == null) {
        stoppedFor = wait;
      }
      return;
    }
    Instant end = clock.instant().plus(wait);
    if (end.isAfter(until)) {
      until = end;
    }
  }

  @Override
  public synchronized Duration stoppedFor() {
    return stoppedFor;
  }
}
