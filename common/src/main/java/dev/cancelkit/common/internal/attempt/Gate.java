package dev.cancelkit.common.internal.attempt;

import java.time.Duration;
import java.time.Instant;
import okhttp3.Headers;

/**
 * Lets the calls of one bulk run pause together: until the run keeps a pace, a 429 seen by any of
 * them holds every attempt back (from then on, only its own retry waits); a {@code Retry-After} too
 * long to wait for stops the run.
 */
public interface Gate {
  /** A gate that never waits: a single call. */
  Gate NONE =
      new Gate() {
        @Override
        public Duration pause() {
          return Duration.ZERO;
        }

        @Override
        public void rateLimited(Duration wait, Instant sentAt, Headers headers) {}

        @Override
        public Duration stoppedFor() {
          return null;
        }

        @Override
        public void answered(Instant sentAt, Headers headers) {}

        @Override
        public Duration reserve() {
          return Duration.ZERO;
        }
      };

  /** How long until attempts may start again; zero when they may start now. */
  Duration pause();

  /**
   * A provider answered 429 asking for {@code wait} (to a request sent at {@code sentAt}): no
   * attempt starts before it is over. A wait over {@link RetryPolicy#MAX_RETRY_AFTER} stops the run
   * instead.
   */
  void rateLimited(Duration wait, Instant sentAt, Headers headers);

  /** The {@code Retry-After} that stopped the run, or null while it goes on. */
  Duration stoppedFor();

  /**
   * An answer other than a 429 came to a request sent at {@code sentAt}, with these headers (a
   * provider's rate-limit counts).
   */
  void answered(Instant sentAt, Headers headers);

  /**
   * Takes the next place in the run's pacing, once {@link #pause()} is zero: how long to wait
   * before sending (zero: now).
   */
  Duration reserve();
}
