package dev.cancelkit.common.internal;

import java.time.Duration;

/**
 * Lets a batch of calls pause together: every attempt waits its turn, and a 429 holds everyone
 * back.
 */
interface Gate {
  /** A gate that never waits: a single call. */
  Gate NONE =
      new Gate() {
        @Override
        public void awaitTurn() {}

        @Override
        public void rateLimited(Duration wait) {}
      };

  /** Blocks until no pause is in force. */
  void awaitTurn() throws InterruptedException;

  /** A provider answered 429: no attempt of the batch starts for {@code wait}. */
  void rateLimited(Duration wait);
}
