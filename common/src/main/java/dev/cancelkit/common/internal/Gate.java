package dev.cancelkit.common.internal;

import java.time.Duration;

/**
 * Lets the calls of one bulk run pause together: a 429 seen by any of them holds every attempt
 * back, and a {@code Retry-After} too long to wait for stops the run.
 */
interface Gate {
  /** A gate that never waits: a single call. */
  Gate NONE =
      new Gate() {
        @Override
        public Duration pause() {
          return Duration.ZERO;
        }

        @Override
        public void rateLimited(Duration wait) {}

        @Override
        public Duration stoppedFor() {
          return null;
        }
      };

  /** How long until attempts may start again; zero when they may start now. */
  Duration pause();

  /**
   * A provider answered 429 asking for {@code wait}: no attempt starts before it is over. A wait
   * over {@link RetryPolicy#MAX_RETRY_AFTER} stops the run instead.
   */
  void rateLimited(Duration wait);

  /** The {@code Retry-After} that stopped the run, or null while it goes on. */
  Duration stoppedFor();
}
