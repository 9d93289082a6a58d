package dev.cancelkit.common.internal;

import dev.cancelkit.common.BulkOptions;
import dev.cancelkit.common.CancelOutcome;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One {@code cancelAll}: every id checked before anything is sent, duplicates dropped, then at most
 * {@code concurrency} workers pulling ids in order, sharing one {@link SharedPause}.
 */
final class BulkRun<R> {
  private final CancelOperation<R> operation;
  private final List<String> ids;
  private final BulkOptions options;

  BulkRun(
      CancelOperation<R> operation,
      JobIdRule rule,
      Collection<String> jobIds,
      BulkOptions options) {
    Objects.requireNonNull(jobIds, "jobIds");
    this.operation = operation;
    this.options = Objects.requireNonNull(options, "options");
    LinkedHashSet<String> distinct = new LinkedHashSet<>();
    int index = 0;
    for (String id : jobIds) {
      try {
        rule.check(id);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "jobIds[" + index + "] is not a valid id: " + e.getMessage(), e);
      }
      distinct.add(id);
      index++;
    }
    this.ids = List.copyOf(distinct);
  }

  List<CancelOutcome<R>> run() {
    int n = ids.size();
    if (n == 0) {
      return List.of();
    }
    List<CancelOutcome<R>> outcomes = new ArrayList<>(java.util.Collections.nCopies(n, null));
    SharedPause pause = new SharedPause(operation.runtime());
    AtomicInteger next = new AtomicInteger();
    Consumer<CancelOutcome<?>> listener = options.progressListener();
    int workers = Math.min(options.concurrency(), n);
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            workers,
            r -> {
              Thread t = new Thread(r, "cancelkit-bulk-" + threadNumber.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        running.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    CancelOutcome<R> outcome = operation.cancelInBatch(ids.get(i), pause);
                    synchronized (outcomes) {
                      outcomes.set(i, outcome);
                    }
                    try {
                      listener.accept(outcome);
                    } catch (RuntimeException e) {
                      // a listener that throws does not stop the batch
                    }
                  }
                }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while cancelling " + n + " jobs", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw (Error) cause;
    } finally {
      pool.shutdownNow();
    }
    synchronized (outcomes) {
      return List.copyOf(outcomes);
    }
  }
}
