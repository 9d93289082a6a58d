package dev.cancelkit.common;

import dev.cancelkit.common.internal.job.JobKind;
import dev.cancelkit.common.internal.job.ParallelListing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Finds what is running across providers and stops it. First a {@link Plan}: every kind of job is
 * listed in parallel, and the ACTIVE jobs that pass the filters are kept (a listing that fails is
 * reported, not fatal to the others). Nothing is cancelled until {@link Plan#cancel} is called:
 * then each kind's jobs are cancelled as {@code cancelAll} does, all kinds in parallel, optionally
 * stopping Archetype jobs gracefully instead, and optionally waiting until each job has ended.
 *
 * <pre>{@code
 * KillSwitch.Plan plan = KillSwitch.of(together.batches(), together.fineTunes(),
 *         cerebras.batches(), archetype.fineTuneJobs())
 *     .olderThan(Duration.ofMinutes(10)).matching(job -> !job.jobId().startsWith("keep-")).plan();
 * plan.jobs().forEach(System.out::println);                   // look before you leap
 * KillSwitch.Report report = plan.cancel(KillSwitch.Options.defaults().await(Duration.ofMinutes(5)));
 * }</pre>
 */
public final class KillSwitch {
  private final List<Jobs<?>> kinds;
  private final Clock clock;
  private Duration olderThan;
  private boolean includeUnknownAge;
  private Duration listWithin;
  private Predicate<? super JobStatus<?>> predicate = job -> true;

  private KillSwitch(List<Jobs<?>> kinds, Clock clock) {
    this.kinds = kinds;
    this.clock = clock;
  }

  /** A kill switch over these kinds of job, from any providers. */
  public static KillSwitch of(Jobs<?>... kinds) {
    return of(List.of(kinds));
  }

  /** A kill switch over these kinds of job, from any providers. */
  public static KillSwitch of(Collection<? extends Jobs<?>> kinds) {
    return new KillSwitch(List.copyOf(kinds), Clock.systemUTC());
  }

  /**
   * Keeps only jobs created at least {@code age} ago. A job's age is known only when its provider
   * gave a creation time that parses and lies between {@link #EARLIEST_CREATION} and now (a time in
   * milliseconds where seconds are documented reads as tens of thousands of years ahead: unknown);
   * a job of unknown age is left out, and counted in {@link Plan#unknownAge()}, unless {@link
   * #includeUnknownAge(boolean)} takes it.
   */
  public KillSwitch olderThan(Duration age) {
    if (Objects.requireNonNull(age, "age").isNegative()) {
      throw new IllegalArgumentException("age must not be negative: " + age);
    }
    this.olderThan = age;
    return this;
  }

  /** Under {@link #olderThan}, also keeps jobs whose age is not known (left out by default). */
  public KillSwitch includeUnknownAge(boolean include) {
    this.includeUnknownAge = include;
    return this;
  }

  /**
   * Creation times before this (2020-01-01) are not believed: no job of these providers is older,
   * and a zero, a negative number or a year 1 is a provider's placeholder, not a time.
   */
  public static final Instant EARLIEST_CREATION = Instant.parse("2020-01-01T00:00:00Z");

  /** When {@code job} was created, if its provider said so believably: see {@link #olderThan}. */
  public static Optional<Instant> knownCreation(JobStatus<?> job, Instant now) {
    return job.createdAt().filter(t -> !t.isBefore(EARLIEST_CREATION) && !t.isAfter(now));
  }

  /**
   * Gives the listing {@code limit} in all: a kind still listing then is stopped and reported under
   * {@link Plan#failures()}, and the plan goes on without it. Without a limit, each kind lists
   * until it ends (every listing does: see {@link Jobs#list()}), each page within the client's
   * {@code timeout} and retries.
   */
  public KillSwitch listWithin(Duration limit) {
    if (Objects.requireNonNull(limit, "limit").isNegative() || limit.isZero()) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    this.listWithin = limit;
    return this;
  }

  /** Keeps only jobs that {@code predicate} accepts (on top of any filter given before). */
  public KillSwitch matching(Predicate<? super JobStatus<?>> predicate) {
    Predicate<? super JobStatus<?>> before = this.predicate;
    Objects.requireNonNull(predicate, "predicate");
    this.predicate = job -> before.test(job) && predicate.test(job);
    return this;
  }

  /** Lists every kind in parallel and keeps the ACTIVE jobs that pass the filters. */
  public Plan plan() {
    Instant now = clock.instant();
    List<ParallelListing.Listed<Jobs<?>, List<? extends JobStatus<?>>>> listings;
    try {
      listings = ParallelListing.run(kinds, KillSwitch::activeOf, listWithin, KillSwitch::provider);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException("interrupted while listing jobs", e, false);
    }
    List<Planned> planned = new ArrayList<>();
    List<Refused> refused = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    int unknownAge = 0;
    for (ParallelListing.Listed<Jobs<?>, List<? extends JobStatus<?>>> listing : listings) {
      Jobs<?> jobs = listing.kind();
      if (listing.failure() != null) {
        failures.add(new Failure(provider(jobs), kind(jobs), listing.failure()));
        continue;
      }
      Set<String> ids = new HashSet<>();
      for (JobStatus<?> job : listing.value()) {
        if (job.state() != JobState.ACTIVE || !predicate.test(job) || !ids.add(job.jobId())) {
          continue;
        }
        if (olderThan != null) {
          Optional<Instant> created = knownCreation(job, now);
          if (created.isEmpty() && !includeUnknownAge) {
            unknownAge++;
            continue;
          }
          if (created.isPresent() && created.get().isAfter(now.minus(olderThan))) {
            continue;
          }
        }
        String refusal = refusal(jobs, job.jobId());
        if (refusal == null) {
          planned.add(new Planned(provider(jobs), kind(jobs), job, jobs));
        } else {
          refused.add(new Refused(provider(jobs), kind(jobs), job, refusal));
        }
      }
    }
    return new Plan(planned, refused, failures, unknownAge);
  }

  /** Why a listed job's id cannot be sent as its kind's calls send ids; null if it can. */
  private static String refusal(Jobs<?> jobs, String jobId) {
    if (!(jobs instanceof JobKind kind)) {
      return null;
    }
    try {
      kind.checkId(jobId);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static List<? extends JobStatus<?>> activeOf(Jobs<?> jobs) {
    return jobs.active();
  }

  static String provider(Jobs<?> jobs) {
    return jobs instanceof JobKind k ? k.provider() : jobs.getClass().getSimpleName();
  }

  static String kind(Jobs<?> jobs) {
    return jobs instanceof JobKind k ? k.kind() : "job";
  }

  /** A job the plan would cancel. */
  public record Planned(String provider, String kind, JobStatus<?> job, Jobs<?> jobs) {
    @Override
    public String toString() {
      return provider + " " + kind + " " + job;
    }
  }

  /**
   * A listed job that passed the filters but is not in the plan: its id cannot be sent (the
   * provider's own rule refuses it, or it echoed the API key and was redacted). Nothing is sent for
   * it; {@code reason} says why.
   */
  public record Refused(String provider, String kind, JobStatus<?> job, String reason) {}

  /** A kind of job whose listing failed: its jobs are not in the plan. */
  public record Failure(String provider, String kind, CancelKitException error) {}

  /** What one planned job became. */
  public record Result(
      String provider,
      String kind,
      String jobId,
      Optional<CancelOutcome<?>> outcome,
      Optional<JobStatus<?>> lastRead) {
    /** The job's state after the cancel (and the wait), or empty if the cancel failed. */
    public Optional<CancelState> state() {
      if (lastRead.isPresent()) {
        return Optional.of(
            switch (lastRead.get().state()) {
              case CANCELLED -> CancelState.CANCELLED;
              case FINISHED -> CancelState.NOT_CANCELLABLE;
              case UNKNOWN -> CancelState.UNKNOWN;
              case ACTIVE, CANCELLING -> CancelState.CANCELLING;
            });
      }
      return outcome
          .flatMap(CancelOutcome::result)
          .map(r -> (CancelResult<?>) r)
          .map(CancelResult::state);
    }
  }

  /** How the plan is carried out. Immutable; each method returns a new instance. */
  public static final class Options {
    final BulkOptions bulk;
    final boolean graceful;
    final Duration await;

    private Options(BulkOptions bulk, boolean graceful, Duration await) {
      this.bulk = bulk;
      this.graceful = graceful;
      this.await = await;
    }

    /** Each kind cancelled as {@code cancelAll} with {@link BulkOptions#defaults()}, no waiting. */
    public static Options defaults() {
      return new Options(BulkOptions.defaults(), false, null);
    }

    /** The options of each kind's {@code cancelAll} (concurrency, progress). */
    public Options bulk(BulkOptions bulk) {
      return new Options(Objects.requireNonNull(bulk, "bulk"), graceful, await);
    }

    /** Stops jobs that can be stopped gracefully (Archetype's) instead of cancelling them. */
    public Options graceful(boolean graceful) {
      return new Options(bulk, graceful, await);
    }

    /** Then reads each job still winding down until it has ended or {@code maxWait} is over. */
    public Options await(Duration maxWait) {
      if (Objects.requireNonNull(maxWait, "maxWait").isNegative()) {
        throw new IllegalArgumentException("maxWait must not be negative: " + maxWait);
      }
      return new Options(bulk, graceful, maxWait);
    }
  }

  /** What the listing found; nothing has been cancelled yet. */
  public static final class Plan {
    private final List<Planned> jobs;
    private final List<Refused> refused;
    private final List<Failure> failures;
    private final int unknownAge;

    Plan(List<Planned> jobs, List<Refused> refused, List<Failure> failures, int unknownAge) {
      this.jobs = List.copyOf(jobs);
      this.refused = List.copyOf(refused);
      this.failures = List.copyOf(failures);
      this.unknownAge = unknownAge;
    }

    /**
     * How many ACTIVE jobs that passed the other filters {@link KillSwitch#olderThan} left out
     * because their age is not known.
     */
    public int unknownAge() {
      return unknownAge;
    }

    /**
     * The jobs that would be cancelled, each once, kind by kind in the order the kinds were given.
     */
    public List<Planned> jobs() {
      return jobs;
    }

    /** The listed jobs that passed the filters but whose ids cannot be sent: never cancelled. */
    public List<Refused> refused() {
      return refused;
    }

    /** The kinds whose listing failed. */
    public List<Failure> failures() {
      return failures;
    }

    /**
     * Cancels every planned job: each kind's jobs as {@code cancelAll} does, the kinds in parallel.
     */
    public Report cancel(Options options) {
      return PlanRun.cancel(jobs, failures, Objects.requireNonNull(options, "options"));
    }

    @Override
    public String toString() {
      return "Plan{"
          + jobs.size()
          + " jobs, "
          + refused.size()
          + " refused, "
          + failures.size()
          + " listings failed}";
    }
  }

  /** What became of every planned job. */
  public static final class Report {
    private final List<Result> results;
    private final List<Result> unsent;
    private final List<Result> unknown;
    private final List<Failure> failures;
    private final boolean interrupted;

    Report(List<Result> results, List<Result> unsent, List<Failure> failures, boolean interrupted) {
      this.results = List.copyOf(results);
      this.unsent = List.copyOf(unsent);
      Set<Result> notSent = Collections.newSetFromMap(new IdentityHashMap<>());
      notSent.addAll(unsent);
      this.unknown =
          results.stream()
              .filter(r -> r.outcome().isEmpty() && !notSent.contains(r))
              .collect(Collectors.toUnmodifiableList());
      this.failures = List.copyOf(failures);
      this.interrupted = interrupted;
    }

    /** One result per planned job. */
    public List<Result> results() {
      return results;
    }

    /** The results of jobs an interrupt left unsent (no request went out for them). */
    public List<Result> unsent() {
      return unsent;
    }

    /**
     * The results of jobs whose cancel was sent but whose answer an interrupt left unread: their
     * state is not known.
     */
    public List<Result> unknown() {
      return unknown;
    }

    /** The kinds whose listing failed: their jobs were not cancelled. */
    public List<Failure> failures() {
      return failures;
    }

    /** Whether the calling thread was interrupted before every kind had finished. */
    public boolean interrupted() {
      return interrupted;
    }

    /** How many results ended in each state; failed calls count under UNKNOWN. */
    public Map<CancelState, Long> counts() {
      return results.stream()
          .collect(
              Collectors.groupingBy(
                  r -> r.state().orElse(CancelState.UNKNOWN),
                  LinkedHashMap::new,
                  Collectors.counting()));
    }

    /**
     * The counts, and what did not go as planned: {@code Report{3 jobs: CANCELLED=2,
     * NOT_CANCELLABLE=1; 1 listing failed}}.
     */
    @Override
    public String toString() {
      StringBuilder s =
          new StringBuilder("Report{")
              .append(results.size())
              .append(results.size() == 1 ? " job" : " jobs");
      String sep = ": ";
      for (Map.Entry<CancelState, Long> e : counts().entrySet()) {
        s.append(sep).append(e.getKey()).append('=').append(e.getValue());
        sep = ", ";
      }
      if (!failures.isEmpty()) {
        s.append("; ")
            .append(failures.size())
            .append(failures.size() == 1 ? " listing failed" : " listings failed");
      }
      if (interrupted) {
        s.append("; interrupted: ")
            .append(unsent.size())
            .append(" unsent, ")
            .append(unknown.size())
            .append(" unknown");
      }
      return s.append('}').toString();
    }
  }
}
