package dev.cancelkit.common.internal;

import java.time.Duration;
import java.time.Instant;

/** The {@link Gate} of one {@code cancelAll}: a 429 seen by any worker pauses all of them. */
final class SharedPause implements Gate {
  private final ClientRuntime runtime;
  private Instant until = Instant.MIN;

  SharedPause(ClientRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public void awaitTurn() throws InterruptedException {
    while (true) {
      Duration left = Duration.between(runtime.clock().instant(), pausedUntil());
      if (left.isNegative() || left.isZero()) {
        return;
      }
      runtime.retryTimer().sleep(left);
    }
  }

  @Override
  public synchronized void rateLimited(Duration wait) {
    Duration capped =
        wait.compareTo(RetryPolicy.MAX_RETRY_AFTER) > 0 ? RetryPolicy.MAX_RETRY_AFTER : wait;
    Instant end = runtime.clock().instant().plus(capped);
    if (end.isAfter(until)) {
      until = end;
    }
  }

  private synchronized Instant pausedUntil() {
    return until;
  }
}
