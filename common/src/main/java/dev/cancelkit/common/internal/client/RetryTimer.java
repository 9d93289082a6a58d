package dev.cancelkit.common.internal.client;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * How the waits between attempts (and between a bulk run's pauses and a wait's reads) pass.
 * Replaced in tests, so that they never sleep.
 */
public interface RetryTimer {
  /** Blocks the calling thread for {@code delay}. */
  void sleep(Duration delay) throws InterruptedException;

  /**
   * Runs {@code task} after {@code delay} without blocking the caller; the returned future cancels
   * it.
   */
  Future<?> schedule(Duration delay, Runnable task);

  /** Real time: {@link Thread#sleep} and the shared scheduler thread. */
  RetryTimer SYSTEM =
      new RetryTimer() {
        @Override
        public void sleep(Duration delay) throws InterruptedException {
          TimeUnit.NANOSECONDS.sleep(delay.toNanos());
        }

        @Override
        public Future<?> schedule(Duration delay, Runnable task) {
          return DaemonThreads.scheduler().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public String toString() {
          return "RetryTimer.SYSTEM";
        }
      };
}
