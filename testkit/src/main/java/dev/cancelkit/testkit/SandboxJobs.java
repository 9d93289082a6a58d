package dev.cancelkit.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The jobs a {@link Sandbox} knows, by provider, each with its provider's status text and,
 * optionally, the statuses it moves to over time. Thread-safe.
 *
 * <pre>{@code
 * sandbox.jobs()
 *     .togetherQueued("meta-llama/Llama-3-8b", "req_1", "pending")
 *     .then(Duration.ofSeconds(5), "running")     // unless cancelled first
 *     .then(Duration.ofSeconds(30), "done");
 * }</pre>
 */
public final class SandboxJobs {
  /** The default time a cancelling (or stopping) job takes to reach its final state. */
  public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(2);

  /** One job: its status as the provider spells it, and the statuses still to come. */
  static final class Job {
    final String id;
    volatile Instant createdAt;
    final String model; // a queued request's model; null for other jobs
    private final Clock clock;
    private String status;
    private Instant updatedAt;
    private final List<Map.Entry<Instant, String>> steps = new ArrayList<>();

    Job(String id, String model, String status, Clock clock) {
      this.id = id;
      this.model = model;
      this.clock = clock;
      this.status = status;
      this.createdAt = clock.instant();
      this.updatedAt = createdAt;
    }

    /** The status now, after any step whose time has come. */
    synchronized String status() {
      Instant now = clock.instant();
      while (!steps.isEmpty() && !steps.get(0).getKey().isAfter(now)) {
        Map.Entry<Instant, String> step = steps.remove(0);
        status = step.getValue();
        updatedAt = step.getKey();
      }
      return status;
    }

    synchronized Instant updatedAt() {
      status();
      return updatedAt;
    }

    synchronized void then(Duration after, String next) {
      Instant base = steps.isEmpty() ? clock.instant() : steps.get(steps.size() - 1).getKey();
      steps.add(Map.entry(base.plus(after), next));
    }

    /**
     * Moves a job that is in one of {@code from} to {@code to}, and later (after {@code settle}) to
     * {@code settled} if given; false if it was in none of them (and not already at {@code to}).
     */
    synchronized boolean transition(Set<String> from, String to, String settled, Duration settle) {
      String now = status();
      if (from.contains(now)) {
        moveTo(to);
        if (settled != null) {
          then(settle, settled);
        }
        return true;
      }
      return now.equals(to);
    }

    /** Moves to {@code next} now, dropping the steps that were to come. */
    synchronized void moveTo(String next) {
      steps.clear();
      status = next;
      updatedAt = clock.instant();
    }
  }

  private final Clock clock;
  private volatile Duration settle = DEFAULT_SETTLE;
  private volatile Job last;

  /** Each provider owns its jobs and its routes. */
  final TogetherSandbox together = new TogetherSandbox(this::settle);

  final CerebrasSandbox cerebras = new CerebrasSandbox(this::settle);
  final ArchetypeSandbox archetype = new ArchetypeSandbox(this::settle);

  SandboxJobs(Clock clock) {
    this.clock = clock;
  }

  private SandboxJobs add(JobBook book, String key, String id, String model, String status) {
    Job job = new Job(id, model, status, clock);
    book.put(key, job);
    last = job;
    return this;
  }

  /**
   * A request queued on Together for {@code model}; status {@code pending}, {@code running}, {@code
   * done}...
   */
  public SandboxJobs togetherQueued(String model, String requestId, String status) {
    return add(
        together.queue, TogetherSandbox.queueKey(model, requestId), requestId, model, status);
  }

  /** A Together batch; status {@code VALIDATING}, {@code IN_PROGRESS}, {@code COMPLETED}... */
  public SandboxJobs togetherBatch(String id, String status) {
    return add(together.batches, id, id, null, status);
  }

  /** A Together fine-tune; status {@code pending}, {@code running}, {@code completed}... */
  public SandboxJobs togetherFineTune(String id, String status) {
    return add(together.fineTunes, id, id, null, status);
  }

  /** A Cerebras batch; status {@code queued}, {@code in_progress}, {@code completed}... */
  public SandboxJobs cerebrasBatch(String id, String status) {
    return add(cerebras.batches, id, id, null, status);
  }

  /**
   * An Archetype fine-tune job; status {@code REGISTERED}, {@code RUNNING}, {@code COMPLETED}...
   */
  public SandboxJobs archetypeJob(String id, String status) {
    return add(archetype.jobs, id, id, null, status);
  }

  /** A Together dedicated endpoint; state {@code STARTED}, {@code STOPPED}, {@code ERROR}... */
  public SandboxJobs togetherEndpoint(String id, String state) {
    return add(together.endpoints, id, id, null, state);
  }

  /**
   * A Together RL training session; status {@code TRAINING_SESSION_STATUS_RUNNING}, {@code
   * TRAINING_SESSION_STATUS_STOPPED}...
   */
  public SandboxJobs togetherTrainingSession(String id, String status) {
    return add(together.sessions, id, id, null, status);
  }

  /**
   * An Archetype Batch Processing job; status {@code PENDING}, {@code RUNNING}, {@code
   * COMPLETED}...
   */
  public SandboxJobs archetypeBatchJob(String id, String status) {
    return add(archetype.batchJobs, id, id, null, status);
  }

  /**
   * The job added last moves to {@code status} {@code after} its previous step (or after now),
   * unless a cancel gets there first.
   */
  public SandboxJobs then(Duration after, String status) {
    Job job = last;
    if (job == null) {
      throw new IllegalStateException("add a job before saying what it becomes");
    }
    job.then(after, status);
    return this;
  }

  /** The job added last was created {@code ago} before now (default: when it was added). */
  public SandboxJobs createdAgo(Duration ago) {
    Job job = last;
    if (job == null) {
      throw new IllegalStateException("add a job before saying when it was created");
    }
    if (ago.isNegative()) {
      throw new IllegalArgumentException("ago must not be negative: " + ago);
    }
    job.createdAt = clock.instant().minus(ago);
    return this;
  }

  /** How long a cancelling or stopping job takes to reach its final state; default 2 s. */
  public SandboxJobs settleAfter(Duration settle) {
    this.settle = settle;
    return this;
  }

  Duration settle() {
    return settle;
  }

  /**
   * The demo jobs: for each kind, jobs that can be cancelled and jobs that cannot, with the ids of
   * the providers' own documentation examples where they have them; a queued request and a batch
   * that move on over time (pending, running after 20 s, done a minute later; validating, in
   * progress, completed); and enough running jobs on every provider for {@code cancelkit jobs} and
   * {@code cancelkit cancel-all} to show something real.
   */
  public SandboxJobs seedDemo() {
    return togetherQueued("meta-llama/Llama-3-8b", "req_pending_01", "pending")
        .togetherQueued("meta-llama/Llama-3-8b", "req_running_02", "running")
        .togetherQueued("meta-llama/Llama-3-8b", "req_starts_soon_03", "pending")
        .then(Duration.ofSeconds(20), "running")
        .then(Duration.ofSeconds(60), "done")
        .togetherQueued("meta-llama/Llama-3-8b", "req_7f9c2a", "pending")
        .togetherBatch("batch_job_validating_456", "VALIDATING")
        .then(Duration.ofSeconds(10), "IN_PROGRESS")
        .then(Duration.ofMinutes(2), "COMPLETED")
        .togetherBatch("batch_job_abc123def456", "IN_PROGRESS")
        .createdAgo(Duration.ofHours(2))
        .togetherBatch("batch_job_nightly_eval_11", "IN_PROGRESS")
        .togetherBatch("batch_job_done789", "COMPLETED")
        .togetherBatch("batch_job_failed_321", "FAILED")
        .togetherBatch("batch_job_winding_down_7", "CANCELING") // as Together's own SDK spells it
        .togetherFineTune("ft-01234567890123456789", "running")
        .createdAgo(Duration.ofMinutes(50))
        .togetherFineTune("ft-sweep-lr-3e-5-0002", "queued")
        .togetherFineTune("ft-finished-000000000001", "completed")
        .togetherFineTune("ft-bad-dataset-000000002", "user_error")
        .cerebrasBatch("batch_abc123", "in_progress")
        .cerebrasBatch("batch_bad_deploy_0001", "queued")
        .createdAgo(Duration.ofMinutes(25))
        .cerebrasBatch("batch_bad_deploy_0002", "in_progress")
        .createdAgo(Duration.ofMinutes(24))
        .cerebrasBatch("batch_done_0003", "completed")
        .archetypeJob("ftj-my-finetune-run-3de60a5c", "RUNNING")
        .archetypeJob("ftj-graceful-run-5b6c", "RUNNING")
        .archetypeJob("ftj-sweep-trial-7", "STARTING")
        .archetypeJob("ftj-finished-run-77aa", "COMPLETED")
        .togetherEndpoint("endpoint-d23901de-ef8f-44bf-b3e7-de9c1ca8f2d7", "STARTED")
        .createdAgo(Duration.ofDays(3))
        .togetherEndpoint("endpoint-old-eval-0007", "STOPPED")
        .togetherTrainingSession(
            "123e4567-e89b-12d3-a456-426614174000", "TRAINING_SESSION_STATUS_RUNNING")
        .togetherTrainingSession("session-finished-0002", "TRAINING_SESSION_STATUS_STOPPED")
        .archetypeBatchJob("job_2abc3def4ghi5jkl6mno7pqr", "RUNNING")
        .archetypeBatchJob("job_done_0000000000000001", "COMPLETED");
  }
}
