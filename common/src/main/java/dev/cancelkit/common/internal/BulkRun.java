package dev.cancelkit.common.internal;

import dev.cancelkit.common.ApiStatusException;
import dev.cancelkit.common.BulkOptions;
import dev.cancelkit.common.CancelAllInterruptedException;
import dev.cancelkit.common.CancelKitException;
import dev.cancelkit.common.CancelOutcome;
import dev.cancelkit.common.CancelResult;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * One {@code cancelAll}: every id checked before anything is sent, duplicates dropped, then the
 * calling thread starts at most {@code concurrency} calls at a time, in order, all behind one
 * {@link SharedPause}. An interrupt of that thread stops it: nothing more is sent, the calls in
 * flight are aborted, and every id is accounted for in a {@link CancelAllInterruptedException}.
 */
final class BulkRun<R> {
  /** Starts the cancel of one id; the engine runs it. */
  interface Sender<R> {
    InFlight<CancelResult<R>> send(String jobId, Gate gate);
  }

  private final Sender<R> sender;
  private final String provider;
  private final Clock clock;
  private final RetryTimer timer;
  private final List<String> ids;
  private final BulkOptions options;

  private final List<CancelOutcome<R>> outcomes;
  private final List<InFlight<CancelResult<R>>> exchanges;

  /** Guards {@link #sealed}: outcomes are recorded (and heard) under the read lock. */
  private final ReadWriteLock seal = new ReentrantReadWriteLock();

  private boolean sealed;

  BulkRun(
      JobIdRule rule,
      Sender<R> sender,
      String provider,
      Clock clock,
      RetryTimer timer,
      Collection<String> jobIds,
      BulkOptions options) {
    Objects.requireNonNull(jobIds, "jobIds");
    this.sender = sender;
    this.provider = provider;
    this.clock = clock;
    this.timer = timer;
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
    this.outcomes = new ArrayList<>(Collections.nCopies(ids.size(), null));
    this.exchanges = new ArrayList<>(Collections.nCopies(ids.size(), null));
  }

  List<CancelOutcome<R>> run() {
    int n = ids.size();
    Semaphore slots = new Semaphore(options.concurrency());
    CountDownLatch finished = new CountDownLatch(n);
    SharedPause pause = new SharedPause(clock);
    int next = 0;
    boolean holding = false; // a slot taken for ids[next], not yet handed to a call
    try {
      for (; next < n; next++) {
        slots.acquire();
        holding = true;
        awaitTurn(pause);
        if (pause.stoppedFor() != null) {
          slots.release();
          holding = false;
          break;
        }
        holding = false;
        int i = next;
        InFlight<CancelResult<R>> exchange = sender.send(ids.get(i), pause);
        synchronized (exchanges) {
          exchanges.set(i, exchange);
        }
        exchange
            .result()
            .whenCompleteAsync(
                (result, error) -> {
                  try {
                    record(i, result, error);
                  } finally {
                    slots.release();
                    finished.countDown();
                  }
                },
                DaemonThreads.callbacks());
      }
      for (int i = next; i < n; i++) { // a Retry-After too long to wait for stopped the run
        record(i, null, notSent(pause.stoppedFor()));
        finished.countDown();
      }
      finished.await();
    } catch (InterruptedException e) {
      awaitInFlight(slots, holding);
      throw interrupted(next);
    }
    sealOutcomes();
    synchronized (outcomes) {
      return List.copyOf(outcomes);
    }
  }

  /**
   * Waits out any 429 pause, then the pacing's spacing; a 429 during that spacing means waiting
   * again (and a new place).
   */
  private void awaitTurn(SharedPause pause) throws InterruptedException {
    while (true) {
      for (Duration wait = pause.pause(); !wait.isZero(); wait = pause.pause()) {
        timer.sleep(wait);
      }
      if (pause.stoppedFor() != null) {
        return;
      }
      Duration pace = pause.reserve();
      if (pace.isZero()) {
        return;
      }
      timer.sleep(pace);
      if (pause.pause().isZero()) {
        return;
      }
    }
  }

  /**
   * After an interrupt: gives the calls in flight {@link BulkOptions#interruptGrace()} to answer
   * (they hand their slots back as they finish). A second interrupt ends the wait.
   */
  private void awaitInFlight(Semaphore slots, boolean holding) {
    Duration grace = options.interruptGrace();
    if (grace.isZero()) {
      return;
    }
    int inFlight = options.concurrency() - (holding ? 1 : 0);
    try {
      slots.tryAcquire(inFlight, grace.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException again) {
      // a second interrupt: abort what is still in flight now
    }
  }

  /** Records one id's outcome and tells the listener, unless the run is already over. */
  private void record(int i, CancelResult<R> result, Throwable error) {
    CancelOutcome<R> outcome;
    if (error == null) {
      outcome = CancelOutcome.of(result);
    } else if (unwrap(error) instanceof CancelKitException e) {
      outcome = CancelOutcome.failed(ids.get(i), e);
    } else {
      return; // aborted by an interrupt: the exception accounts for it
    }
    seal.readLock().lock();
    try {
      if (sealed) {
        return;
      }
      synchronized (outcomes) {
        outcomes.set(i, outcome);
      }
      Consumer<CancelOutcome<?>> listener = options.progressListener();
      try {
        listener.accept(outcome);
      } catch (RuntimeException ex) {
        // a listener that throws does not stop the run
      }
    } finally {
      seal.readLock().unlock();
    }
  }

  /** From now on nothing is recorded and the listener hears nothing more. */
  private void sealOutcomes() {
    seal.writeLock().lock();
    try {
      sealed = true;
    } finally {
      seal.writeLock().unlock();
    }
  }

  private CancelAllInterruptedException interrupted(int started) {
    Thread.currentThread().interrupt();
    sealOutcomes();
    List<CancelOutcome<?>> done = new ArrayList<>();
    List<String> unsent = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      CancelOutcome<R> outcome;
      InFlight<CancelResult<R>> exchange;
      synchronized (outcomes) {
        outcome = outcomes.get(i);
      }
      synchronized (exchanges) {
        exchange = exchanges.get(i);
      }
      if (outcome == null && exchange != null && !exchange.abort(new CancellationException())) {
        outcome = ended(i, exchange); // it ended just before the interrupt: what it says is true
      }
      if (outcome != null) {
        done.add(outcome);
      } else if (exchange != null && exchange.sent()) {
        unknown.add(ids.get(i));
      } else {
        unsent.add(ids.get(i));
      }
    }
    return new CancelAllInterruptedException(done, unsent, unknown);
  }

  /** The outcome of an exchange that has ended, or null if it ended by being aborted. */
  private CancelOutcome<R> ended(int i, InFlight<CancelResult<R>> exchange) {
    try {
      return CancelOutcome.of(exchange.result().getNow(null));
    } catch (CompletionException | CancellationException e) {
      Throwable cause = unwrap(e);
      return cause instanceof CancelKitException c ? CancelOutcome.failed(ids.get(i), c) : null;
    }
  }

  /** The outcome of an id that was not sent because the provider asked the run to wait too long. */
  private CancelKitException notSent(Duration retryAfter) {
    return ApiStatusException.of(
        new ApiStatusException.Details(
            provider,
            429,
            null,
            null,
            null,
            null,
            null,
            "",
            retryAfter,
            0,
            "not sent: "
                + provider
                + " asked this bulk run to wait "
                + Deadline.words(retryAfter)
                + " (Retry-After), longer than cancelkit waits"));
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }
}
