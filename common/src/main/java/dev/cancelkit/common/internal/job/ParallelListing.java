package dev.cancelkit.common.internal.job;

import dev.cancelkit.common.CancelKitException;
import dev.cancelkit.common.TransportException;
import dev.cancelkit.common.internal.client.DaemonThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Lists several kinds of job at once, one thread each, within one time limit in all: what the kill
 * switch's plan and the CLI's {@code jobs} both do. A kind whose listing fails, or is still running
 * when the limit passes (its thread is then interrupted, which aborts its page), comes back with
 * its failure beside the others' jobs; nothing one kind does stops another.
 */
public final class ParallelListing {
  private ParallelListing() {}

  /**
   * What one kind's listing came to: its value, or why there is none.
   *
   * @param value what {@code list} returned; null when it failed
   * @param failure why it failed or was stopped; null when it did not
   */
  public record Listed<K, T>(K kind, T value, CancelKitException failure) {}

  /**
   * Runs {@code list} on every kind in parallel and waits for them all.
   *
   * @param limit the time all listings get together; null for none (each ends by itself)
   * @param provider names a kind's provider in the message of a listing stopped by the limit
   * @return one entry per kind, in the order of {@code kinds}
   * @throws InterruptedException if the calling thread is interrupted (every listing is stopped)
   */
  public static <K, T> List<Listed<K, T>> run(
      List<K> kinds, Function<K, T> list, Duration limit, Function<K, String> provider)
      throws InterruptedException {
    long end = limit == null ? 0 : System.nanoTime() + limit.toNanos();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, kinds.size()), DaemonThreads.named("cancelkit-listing"));
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (K kind : kinds) {
        futures.add(pool.submit(() -> list.apply(kind)));
      }
      List<Listed<K, T>> out = new ArrayList<>();
      for (int i = 0; i < kinds.size(); i++) {
        K kind = kinds.get(i);
        Future<T> future = futures.get(i);
        try {
          T value =
              end == 0
                  ? future.get()
                  : future.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
          out.add(new Listed<>(kind, value, null));
        } catch (ExecutionException e) {
          out.add(new Listed<>(kind, null, failure(e.getCause())));
        } catch (TimeoutException e) {
          future.cancel(true); // the listing's thread is interrupted: its page aborted
          out.add(
              new Listed<>(
                  kind,
                  null,
                  new TransportException(
                      provider.apply(kind)
                          + ": still listing after "
                          + seconds(limit)
                          + ", the time given to list; stopped",
                      null,
                      false)));
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /** 30s, 1500ms. */
  public static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  /** Anything else than a {@link CancelKitException} (an exhausted heap, a bug) fails one kind. */
  private static CancelKitException failure(Throwable t) {
    return t instanceof CancelKitException k
        ? k
        : new TransportException("listing failed: " + t, t, false);
  }
}
