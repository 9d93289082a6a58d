package dev.cancelkit.common.internal.client;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/**
 * The threads cancelkit runs on, shared by every client. All are daemon threads (a JVM never waits
 * for them), idle ones end after a minute, and each pool has a name that says what it does.
 */
public final class DaemonThreads {
  private DaemonThreads() {}

  /** Runs OkHttp's calls (each client's dispatcher bounds how many at once). */
  public static ExecutorService http() {
    return Pools.HTTP;
  }

  /**
   * Completes the futures handed to users and calls their listeners: a stage that blocks here holds
   * none of the threads a client needs to make progress.
   */
  public static ExecutorService callbacks() {
    return Pools.CALLBACKS;
  }

  /** Starts retries and fires deadlines; its tasks only hand work on, never block. */
  public static ScheduledExecutorService scheduler() {
    return Scheduler.INSTANCE;
  }

  /**
   * What a thread of the library does with an exception nobody caught: OkHttp's dispatcher rethrows
   * what a call threw after handing it to the call's callback, which has ended the call with it. It
   * is not printed (a library never writes stack traces to stderr): at DEBUG on {@code
   * dev.cancelkit.http}, its class only, since its message may quote what a server sent.
   */
  private static final Thread.UncaughtExceptionHandler QUIET =
      (thread, e) ->
          LoggerFactory.getLogger(Slf4jSink.LOGGER)
              .debug("{} ended a task on {}", e.getClass().getName(), thread.getName());

  public static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      t.setUncaughtExceptionHandler(QUIET);
      return t;
    };
  }

  private static ThreadPoolExecutor cached(String prefix) {
    return new ThreadPoolExecutor(
        0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), named(prefix));
  }

  /** Created on first use: a client that is never called starts no thread. */
  private static final class Pools {
    static final ExecutorService HTTP = cached("cancelkit-http");
    static final ExecutorService CALLBACKS = cached("cancelkit-callback");
  }

  private static final class Scheduler {
    static final ScheduledExecutorService INSTANCE = create();

    private static ScheduledExecutorService create() {
      ScheduledThreadPoolExecutor executor =
          new ScheduledThreadPoolExecutor(1, named("cancelkit-scheduler"));
      executor.setRemoveOnCancelPolicy(true);
      return executor;
    }
  }
}
