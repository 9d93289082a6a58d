package dev.cancelkit.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
    final Instant createdAt;
    private final Clock clock;
    private String status;
    private Instant updatedAt;
    private final List<Map.Entry<Instant, String>> steps = new ArrayList<>();

    Job(String id, String status, Clock clock) {
      this.id = id;
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

    /** Moves to {@code next} now, dropping the steps that were to come. */
    synchronized void moveTo(String next) {
      steps.clear();
      status = next;
      updatedAt = clock.instant();
    }
  }

  final Map<String, Job> togetherQueue = new ConcurrentHashMap<>();
  final Map<String, Job> togetherBatches = new ConcurrentHashMap<>();
  final Map<String, Job> togetherFineTunes = new ConcurrentHashMap<>();
  final Map<String, Job> cerebrasBatches = new ConcurrentHashMap<>();
  final Map<String, Job> archetypeJobs = new ConcurrentHashMap<>();

  private final Clock clock;
  private volatile Duration settle = DEFAULT_SETTLE;
  private volatile Job last;

  SandboxJobs(Clock clock) {
    this.clock = clock;
  }

  static String queueKey(String model, String requestId) {
    return model + "\n" + requestId;
  }

  private SandboxJobs add(Map<String, Job> jobs, String key, String id, String status) {
    Job job = new Job(id, status, clock);
    jobs.put(key, job);
    last = job;
    return this;
  }

  /**
   * A request queued on Together for {@code model}; status {@code pending}, {@code running}, {@code
   * done}...
   */
  public SandboxJobs togetherQueued(String model, String requestId, String status) {
    return add(togetherQueue, queueKey(model, requestId), requestId, status);
  }

  /** A Together batch; status {@code VALIDATING}, {@code IN_PROGRESS}, {@code COMPLETED}... */
  public SandboxJobs togetherBatch(String id, String status) {
    return add(togetherBatches, id, id, status);
  }

  /** A Together fine-tune; status {@code pending}, {@code running}, {@code completed}... */
  public SandboxJobs togetherFineTune(String id, String status) {
    return add(togetherFineTunes, id, id, status);
  }

  /** A Cerebras batch; status {@code queued}, {@code in_progress}, {@code completed}... */
  public SandboxJobs cerebrasBatch(String id, String status) {
    return add(cerebrasBatches, id, id, status);
  }

  /**
   * An Archetype fine-tune job; status {@code REGISTERED}, {@code RUNNING}, {@code COMPLETED}...
   */
  public SandboxJobs archetypeJob(String id, String status) {
    return add(archetypeJobs, id, id, status);
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

  /** How long a cancelling or stopping job takes to reach its final state; default 2 s. */
  public SandboxJobs settleAfter(Duration settle) {
    this.settle = settle;
    return this;
  }

  Duration settle() {
    return settle;
  }

  /**
   * The demo jobs: for each operation one job that can be cancelled and one that cannot, with the
   * ids of the providers' own documentation examples where they have them, and a queued request and
   * a batch that move on over time (pending, running after 20 s, done a minute later; validating,
   * in progress, completed).
   */
  public SandboxJobs seedDemo() {
    return togetherQueued("meta-llama/Llama-3-8b", "req_pending_01", "pending")
        .togetherQueued("meta-llama/Llama-3-8b", "req_running_02", "running")
        .togetherQueued("meta-llama/Llama-3-8b", "req_starts_soon_03", "pending")
        .then(Duration.ofSeconds(20), "running")
        .then(Duration.ofSeconds(60), "done")
        .togetherBatch("batch_job_validating_456", "VALIDATING")
        .then(Duration.ofSeconds(10), "IN_PROGRESS")
        .then(Duration.ofMinutes(2), "COMPLETED")
        .togetherBatch("batch_job_abc123def456", "IN_PROGRESS")
        .togetherBatch("batch_job_done789", "COMPLETED")
        .togetherFineTune("ft-01234567890123456789", "running")
        .cerebrasBatch("batch_abc123", "in_progress")
        .archetypeJob("ftj-my-finetune-run-3de60a5c", "RUNNING")
        .archetypeJob("ftj-graceful-run-5b6c", "RUNNING")
        .archetypeJob("ftj-finished-run-77aa", "COMPLETED");
  }
}
