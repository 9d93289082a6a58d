package dev.cancelkit.common.internal;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * How the wait between attempts passes: slept on the blocking path, scheduled on the async one.
 * Replaced in tests.
 */
public interface RetryTimer {
  /** Blocks the calling thread for {@code delay}. */
  void sleep(Duration delay) throws InterruptedException;

  /**
   * Runs {@code task} after {@code delay} without blocking the caller; the returned future cancels
   * it.
   */
  Future<?> schedule(Duration delay, Runnable task);

  /**
   * Real time: {@link Thread#sleep} and one shared daemon thread that only starts the next attempt.
   */
  RetryTimer SYSTEM =
      new RetryTimer() {
        @Override
        public void sleep(Duration delay) throws InterruptedException {
          TimeUnit.NANOSECONDS.sleep(delay.toNanos());
        }

        @Override
        public Future<?> schedule(Duration delay, Runnable task) {
          return Scheduler.INSTANCE.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public String toString() {
          return "RetryTimer.SYSTEM";
        }
      };

  /** Holds the shared scheduler, created on first use. */
  final class Scheduler {
    static final ScheduledExecutorService INSTANCE = create();

    private Scheduler() {}

    private static ScheduledExecutorService create() {
      ScheduledThreadPoolExecutor executor =
          new ScheduledThreadPoolExecutor(
              1,
              r -> {
                Thread t = new Thread(r, "cancelkit-retry-scheduler");
                t.setDaemon(true);
                return t;
              });
      executor.setRemoveOnCancelPolicy(true);
      return executor;
    }
  }
}
