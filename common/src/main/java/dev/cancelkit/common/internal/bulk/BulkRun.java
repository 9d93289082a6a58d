package dev.cancelkit.common.internal.bulk;

import dev.cancelkit.common.ApiStatusException;
import dev.cancelkit.common.BulkOptions;
import dev.cancelkit.common.CancelAllInterruptedException;
import dev.cancelkit.common.CancelKitException;
import dev.cancelkit.common.CancelOutcome;
import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.internal.attempt.Deadline;
import dev.cancelkit.common.internal.attempt.Gate;
import dev.cancelkit.common.internal.attempt.InFlight;
import dev.cancelkit.common.internal.client.DaemonThreads;
import dev.cancelkit.common.internal.client.JobIdRule;
import dev.cancelkit.common.internal.client.RetryTimer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * One bulk run: the calling thread starts at most {@code concurrency} calls at a time, in order,
 * all behind one {@link SharedPause} (a 429 pauses them all; the sends are paced to the provider's
 * rate). Two ways in: {@link #all} ({@code cancelAll}: every id checked before anything is sent,
 * duplicates dropped, every outcome kept and returned in order) and {@link #each} ({@code
 * cancelEach}: ids taken from an iterator as slots free up, each outcome handed on and forgotten,
 * so a million ids take no more memory than a few). An interrupt of the calling thread stops it:
 * nothing more is sent, the calls in flight get {@link BulkOptions#interruptGrace()}, the rest are
 * aborted, and every id is accounted for in a {@link CancelAllInterruptedException}.
 */
public final class BulkRun<R> {
  /** Starts the cancel of one id; the engine runs it. */
  public interface Sender<R> {
    InFlight<CancelResult<R>> send(String jobId, Gate gate);
  }

  /** Where a finished id's outcome goes, with its place in the run. */
  private interface Sink<R> {
    void accept(long place, CancelOutcome<R> outcome);
  }

  /** A call started and not yet ended. */
  private record Started<R>(String jobId, InFlight<CancelResult<R>> exchange) {}

  /** How an interrupted run ended: what was in flight, and how many ids had been taken. */
  private static final class Stopped extends Exception {
    private static final long serialVersionUID = 1L;
    final transient List<CancelOutcome<?>> ended = new ArrayList<>();
    final List<String> unsent = new ArrayList<>();
    final List<String> unknown = new ArrayList<>();
    long taken;

    Stopped() {
      super(null, null, false, false);
    }
  }

  private final JobIdRule rule;
  private final Sender<R> sender;
  private final String provider;
  private final Clock clock;
  private final RetryTimer timer;
  private final BulkOptions options;

  /** The calls in flight, by their place in the run. */
  private final Map<Long, Started<R>> inFlight = new ConcurrentSkipListMap<>();

  /** Guards {@link #sealed}: outcomes are recorded (and heard) under the read lock. */
  private final ReadWriteLock seal = new ReentrantReadWriteLock();

  private boolean sealed;

  public BulkRun(
      JobIdRule rule,
      Sender<R> sender,
      String provider,
      Clock clock,
      RetryTimer timer,
      BulkOptions options) {
    this.rule = rule;
    this.sender = sender;
    this.provider = provider;
    this.clock = clock;
    this.timer = timer;
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * {@code cancelAll}: one outcome per distinct id, in the order of first appearance.
   *
   * @throws IllegalArgumentException naming the first invalid id; nothing was sent
   */
  public List<CancelOutcome<R>> all(Collection<String> jobIds) {
    Objects.requireNonNull(jobIds, "jobIds");
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
    List<String> ids = List.copyOf(distinct);
    AtomicReferenceArray<CancelOutcome<R>> outcomes = new AtomicReferenceArray<>(ids.size());
    try {
      drive(ids.iterator(), false, (place, outcome) -> outcomes.set((int) place, outcome));
    } catch (Stopped s) {
      List<CancelOutcome<?>> done = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        if (outcomes.get(i) != null) {
          done.add(outcomes.get(i));
        }
      }
      done.addAll(s.ended);
      List<String> unsent = new ArrayList<>(s.unsent);
      unsent.addAll(ids.subList((int) s.taken, ids.size()));
      throw new CancelAllInterruptedException(done, unsent, s.unknown);
    }
    List<CancelOutcome<R>> list = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      list.add(outcomes.get(i));
    }
    return List.copyOf(list);
  }

  /**
   * {@code cancelEach}: the ids as {@code jobIds} gives them (a duplicate is cancelled again), each
   * outcome handed to {@code onOutcome} as it finishes and not kept.
   *
   * @throws IllegalArgumentException for the first invalid id: nothing more was sent, and the calls
   *     in flight were answered (and handed on) first
   */
  public void each(Iterator<String> jobIds, Consumer<? super CancelOutcome<R>> onOutcome) {
    Objects.requireNonNull(jobIds, "jobIds");
    Objects.requireNonNull(onOutcome, "onOutcome");
    try {
      drive(jobIds, true, (place, outcome) -> onOutcome.accept(outcome));
    } catch (Stopped s) {
      s.ended.forEach(o -> hand(onOutcome, o));
      throw new CancelAllInterruptedException(List.of(), s.unsent, s.unknown);
    }
  }

  @SuppressWarnings("unchecked") // the ended outcomes of this run are CancelOutcome<R>
  private void hand(Consumer<? super CancelOutcome<R>> onOutcome, CancelOutcome<?> outcome) {
    try {
      onOutcome.accept((CancelOutcome<R>) outcome);
      options.progressListener().accept(outcome);
    } catch (RuntimeException e) {
      // a listener that throws does not change what is reported
    }
  }

  /** Sends every id, in order; returns when every call has ended. */
  private void drive(Iterator<String> ids, boolean check, Sink<R> sink) throws Stopped {
    int concurrency = options.concurrency();
    Semaphore slots = new Semaphore(concurrency);
    SharedPause pause = new SharedPause(clock);
    long taken = 0;
    String next = null; // taken from the iterator, not yet sent
    boolean holding = false; // a slot taken for it
    IllegalArgumentException invalid = null;
    try {
      while (ids.hasNext()) {
        slots.acquire();
        holding = true;
        next = ids.next();
        taken++;
        if (check) {
          try {
            rule.check(next);
          } catch (IllegalArgumentException e) {
            invalid =
                new IllegalArgumentException(
                    "jobIds item " + taken + " is not a valid id: " + e.getMessage(), e);
            break;
          }
        }
        awaitTurn(pause);
        if (pause.stoppedFor() != null) {
          break;
        }
        long place = taken - 1;
        Started<R> started = new Started<>(next, sender.send(next, pause));
        inFlight.put(place, started);
        holding = false;
        next = null;
        started
            .exchange()
            .result()
            .whenCompleteAsync(
                (result, error) -> {
                  try {
                    record(place, started, result, error, sink);
                  } finally {
                    slots.release();
                  }
                },
                DaemonThreads.callbacks());
      }
      if (holding) {
        slots.release();
        holding = false;
      }
      if (pause.stoppedFor() != null) { // a Retry-After too long to wait for stopped the run
        long place = taken - 1;
        for (String id = next; id != null; id = ids.hasNext() ? ids.next() : null) {
          deliver(place++, CancelOutcome.failed(id, notSent(pause.stoppedFor())), sink);
        }
      }
      slots.acquire(concurrency); // every call has ended
      slots.release(concurrency);
    } catch (InterruptedException e) {
      awaitInFlight(slots, holding);
      throw stopped(next, taken);
    }
    sealOutcomes();
    if (invalid != null) {
      throw invalid;
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
    int inFlightSlots = options.concurrency() - (holding ? 1 : 0);
    try {
      slots.tryAcquire(inFlightSlots, grace.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException again) {
      // a second interrupt: abort what is still in flight now
    }
  }

  /** Records the outcome of a call that ended (unless an interrupt aborted it). */
  private void record(
      long place, Started<R> started, CancelResult<R> result, Throwable error, Sink<R> sink) {
    CancelOutcome<R> outcome;
    if (error == null) {
      outcome = CancelOutcome.of(result);
    } else if (unwrap(error) instanceof CancelKitException e) {
      outcome = CancelOutcome.failed(started.jobId(), e);
    } else {
      return; // aborted by an interrupt: the exception accounts for it
    }
    deliver(place, outcome, sink);
  }

  /**
   * Hands one id's outcome to the sink and the listener, unless the run is already over (an
   * interrupt accounts for it then).
   */
  private void deliver(long place, CancelOutcome<R> outcome, Sink<R> sink) {
    seal.readLock().lock();
    try {
      if (sealed) {
        return;
      }
      inFlight.remove(place);
      try {
        sink.accept(place, outcome);
      } catch (RuntimeException ex) {
        // a sink that throws does not stop the run
      }
      try {
        options.progressListener().accept(outcome);
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

  /** The run after an interrupt: the calls still in flight aborted, each one accounted for. */
  private Stopped stopped(String next, long taken) {
    Thread.currentThread().interrupt();
    sealOutcomes();
    Stopped s = new Stopped();
    s.taken = taken;
    if (next != null) {
      s.unsent.add(next);
    }
    for (Map.Entry<Long, Started<R>> e : inFlight.entrySet()) {
      Started<R> started = e.getValue();
      InFlight<CancelResult<R>> exchange = started.exchange();
      if (!exchange.abort(new CancellationException())) {
        CancelOutcome<R> ended = ended(started); // it ended just before: what it says is true
        if (ended != null) {
          s.ended.add(ended);
          continue;
        }
      }
      (exchange.sent() ? s.unknown : s.unsent).add(started.jobId());
    }
    return s;
  }

  /** The outcome of an exchange that has ended, or null if it ended by being aborted. */
  private CancelOutcome<R> ended(Started<R> started) {
    try {
      return CancelOutcome.of(started.exchange().result().getNow(null));
    } catch (CompletionException | CancellationException e) {
      Throwable cause = unwrap(e);
      return cause instanceof CancelKitException c
          ? CancelOutcome.failed(started.jobId(), c)
          : null;
    }
  }

  /** The error of an id that was not sent because the provider asked the run to wait too long. */
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
