package dev.cancelkit.common.internal.attempt;

import dev.cancelkit.common.internal.client.DaemonThreads;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Notices the interrupt of a thread blocked in a call it sends itself. In Java 17 a thread blocked
 * in a socket read does not see {@link Thread#interrupt()}; one daemon thread looks at the threads
 * of the blocking calls in flight every {@link #PERIOD_MILLIS} ms and ends the call of any that is
 * interrupted. It sleeps when no blocking call has been in flight for a second.
 */
final class InterruptWatch {
  private InterruptWatch() {}

  /** A call whose thread may be interrupted. */
  interface Watched {
    /** Its thread was interrupted: end the call. */
    void interrupted();
  }

  static final long PERIOD_MILLIS = 10;

  /** How long the watch keeps looking after the last blocking call ended, before it sleeps. */
  static final long LINGER_MILLIS = 1000;

  private static final Map<Watched, Thread> WATCHED = new ConcurrentHashMap<>();
  private static final AtomicInteger COUNT = new AtomicInteger();
  private static volatile Thread watcher;
  private static volatile boolean asleep; // parked until a call wakes it

  /**
   * Watches {@code thread} until {@link #unwatch}. Calls one after another do not wake the watch
   * each time: it keeps looking for a second after the last one.
   */
  static void watch(Watched call, Thread thread) {
    WATCHED.put(call, thread);
    COUNT.incrementAndGet();
    if (asleep || watcher == null) {
      LockSupport.unpark(watcher());
    }
  }

  static void unwatch(Watched call) {
    if (WATCHED.remove(call) != null) {
      COUNT.decrementAndGet();
    }
  }

  private static synchronized Thread watcher() {
    if (watcher == null) {
      watcher = DaemonThreads.named("cancelkit-interrupts").newThread(InterruptWatch::run);
      watcher.start();
    }
    return watcher;
  }

  private static void run() {
    long idleSince = System.nanoTime();
    while (true) {
      if (COUNT.get() > 0) {
        idleSince = System.nanoTime();
      } else if (System.nanoTime() - idleSince > TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS)) {
        asleep = true; // then look again: a call that came meanwhile saw asleep, or is counted
        if (COUNT.get() == 0) {
          LockSupport.park();
        }
        asleep = false;
        idleSince = System.nanoTime();
        continue;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS));
      WATCHED.forEach(
          (call, thread) -> {
            if (thread.isInterrupted() && WATCHED.remove(call, thread)) {
              COUNT.decrementAndGet();
              try {
                call.interrupted();
              } catch (RuntimeException | Error e) { // never let one call stop the watch
                Thread t = Thread.currentThread();
                t.getUncaughtExceptionHandler().uncaughtException(t, e);
              }
            }
          });
    }
  }
}
