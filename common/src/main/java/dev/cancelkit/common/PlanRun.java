package dev.cancelkit.common;

import static dev.cancelkit.common.KillSwitch.kind;
import static dev.cancelkit.common.KillSwitch.provider;

import dev.cancelkit.common.KillSwitch.Failure;
import dev.cancelkit.common.KillSwitch.Options;
import dev.cancelkit.common.KillSwitch.Planned;
import dev.cancelkit.common.KillSwitch.Report;
import dev.cancelkit.common.KillSwitch.Result;
import dev.cancelkit.common.internal.client.DaemonThreads;
import dev.cancelkit.common.internal.job.JobKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * How a {@link KillSwitch.Plan} is carried out: each kind's jobs cancelled (or stopped) as {@code
 * cancelAll} does, on a thread of its own, the kinds in parallel; then, if asked, each job still
 * winding down read until it has ended. An interrupt stops every kind, gives it its grace, and
 * still reports every planned job: sent and answered, unsent, or unknown.
 */
final class PlanRun {
  private PlanRun() {}

  /**
   * Cancels every planned job: each kind's jobs as {@code cancelAll} does, the kinds in parallel.
   */
  static Report cancel(List<Planned> jobs, List<Failure> failures, Options options) {
    Map<Jobs<?>, List<Planned>> byKind = new LinkedHashMap<>();
    for (Planned p : jobs) {
      byKind.computeIfAbsent(p.jobs(), k -> new ArrayList<>()).add(p);
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, byKind.size()), DaemonThreads.named("cancelkit-kill-switch"));
    List<Future<KindRun>> runs = new ArrayList<>();
    for (Map.Entry<Jobs<?>, List<Planned>> e : byKind.entrySet()) {
      runs.add(pool.submit(() -> runKind(e.getKey(), e.getValue(), options)));
    }
    List<Result> results = new ArrayList<>();
    List<Result> unsent = new ArrayList<>();
    boolean interrupted = false;
    try {
      for (Future<KindRun> run : runs) {
        results.addAll(run.get().results());
        unsent.addAll(run.get().unsent());
      }
    } catch (InterruptedException e) {
      interrupted = true;
      results.clear();
      unsent.clear();
      pool.shutdownNow(); // each kind's cancelAll stops sending, gives its grace, then reports
      try {
        pool.awaitTermination(
            options.bulk.interruptGrace().toMillis() + 1500, TimeUnit.MILLISECONDS);
      } catch (InterruptedException again) {
        // already stopping
      }
      int i = 0;
      for (List<Planned> planned : byKind.values()) {
        Future<KindRun> run = runs.get(i++);
        KindRun known = run.isDone() && !run.isCancelled() ? doneRun(run) : null;
        if (known != null) {
          results.addAll(known.results());
          unsent.addAll(known.unsent());
        } else { // nothing is known of this kind: every job's state is unknown
          for (Planned p : planned) {
            results.add(
                new Result(
                    p.provider(), p.kind(), p.job().jobId(), Optional.empty(), Optional.empty()));
          }
        }
      }
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error error) {
        throw error; // such as an exhausted heap
      }
      throw new IllegalStateException("a kind's run throws no exception", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return new Report(results, unsent, failures, interrupted);
  }

  private static KindRun doneRun(Future<KindRun> run) {
    try {
      return run.get();
    } catch (ExecutionException | InterruptedException e) {
      return null;
    }
  }

  /** What one kind's run came to; {@code unsent} are among {@code results}. */
  private record KindRun(List<Result> results, List<Result> unsent) {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static KindRun runKind(Jobs jobs, List<Planned> planned, Options options) {
    List<String> ids = planned.stream().map(p -> p.job().jobId()).collect(Collectors.toList());
    List<CancelOutcome<?>> outcomes;
    List<String> notSent = List.of();
    List<String> notKnown = List.of();
    try {
      if (options.graceful && jobs instanceof JobKind.Stoppable stoppable) {
        outcomes = stoppable.stopAll(ids, options.bulk);
      } else {
        outcomes = jobs.cancelAll(ids, options.bulk);
      }
    } catch (CancelAllInterruptedException e) {
      outcomes = e.outcomes();
      notSent = e.unsent();
      notKnown = e.unknown();
    } catch (RuntimeException e) { // this kind only: every one of its jobs gets this outcome
      outcomes = new ArrayList<>();
      for (String id : ids) {
        outcomes.add(CancelOutcome.failed(id, kindFailed(jobs, e)));
      }
    }
    List<Result> results = new ArrayList<>();
    List<Result> unsent = new ArrayList<>();
    for (String id : notSent) {
      Result r = new Result(provider(jobs), kind(jobs), id, Optional.empty(), Optional.empty());
      results.add(r);
      unsent.add(r);
    }
    for (String id : notKnown) { // sent, but the answer was not read
      results.add(new Result(provider(jobs), kind(jobs), id, Optional.empty(), Optional.empty()));
    }
    for (CancelOutcome<?> o : outcomes) {
      results.add(
          new Result(provider(jobs), kind(jobs), o.jobId(), Optional.of(o), Optional.empty()));
    }
    return new KindRun(
        options.await == null || Thread.currentThread().isInterrupted()
            ? results
            : awaitKind(jobs, results, options.await),
        unsent);
  }

  /**
   * What a kind's {@code cancelAll} that threw means for each of its jobs: an id it refused
   * (checked before anything is sent) means nothing was sent; anything else, that nobody knows.
   */
  private static CancelKitException kindFailed(Jobs<?> jobs, RuntimeException e) {
    if (e instanceof CancelKitException k) {
      return k;
    }
    if (e instanceof IllegalArgumentException) {
      return new TransportException(
          provider(jobs) + " " + kind(jobs) + ": not sent: " + e.getMessage(), null, false);
    }
    return new TransportException(
        provider(jobs)
            + " "
            + kind(jobs)
            + ": cancelling failed ("
            + e.getClass().getName()
            + "): whether this job was cancelled is not known",
        e,
        true);
  }

  /** Reads each job still winding down, with backoff, until it has ended or time is up. */
  private static List<Result> awaitKind(Jobs<?> jobs, List<Result> results, Duration maxWait) {
    long deadline = System.nanoTime() + maxWait.toNanos();
    long pause = 500;
    List<Result> out = new ArrayList<>(results);
    while (true) {
      boolean waiting = false;
      for (int i = 0; i < out.size(); i++) {
        Result r = out.get(i);
        if (r.state().orElse(null) != CancelState.CANCELLING) {
          continue;
        }
        waiting = true;
        if (System.nanoTime() >= deadline) {
          break;
        }
        try {
          JobStatus<?> read = jobs.status(r.jobId());
          out.set(i, new Result(r.provider(), r.kind(), r.jobId(), r.outcome(), Optional.of(read)));
        } catch (RuntimeException e) {
          // a read that fails leaves what is known
        }
      }
      long left = deadline - System.nanoTime();
      if (!waiting || left <= 0) {
        return out;
      }
      try {
        TimeUnit.NANOSECONDS.sleep(Math.min(TimeUnit.MILLISECONDS.toNanos(pause), left));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return out;
      }
      pause = Math.min(pause * 2, 5000);
    }
  }
}
