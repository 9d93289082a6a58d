package dev.cancelkit.testkit;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The jobs a {@link Sandbox} knows, by provider, each with its provider's status text. Thread-safe. */
public final class SandboxJobs {
  /** One job: its status as the provider spells it, and when it was created. */
  static final class Job {
    final String id;
    final Instant createdAt = Instant.now();
    volatile String status;
    volatile Instant updatedAt = createdAt;

    Job(String id, String status) {
      this.id = id;
      this.status = status;
    }

    synchronized void moveTo(String next) {
      status = next;
      updatedAt = Instant.now();
    }
  }

  final Map<String, Job> togetherQueue = new ConcurrentHashMap<>();
  final Map<String, Job> togetherBatches = new ConcurrentHashMap<>();
  final Map<String, Job> togetherFineTunes = new ConcurrentHashMap<>();
  final Map<String, Job> cerebrasBatches = new ConcurrentHashMap<>();
  final Map<String, Job> archetypeJobs = new ConcurrentHashMap<>();

  SandboxJobs() {}

  static String queueKey(String model, String requestId) {
    return model + "\n" + requestId;
  }

  /** A request queued on Together for {@code model}; status {@code pending}, {@code running}, {@code done}... */
  public SandboxJobs togetherQueued(String model, String requestId, String status) {
    togetherQueue.put(queueKey(model, requestId), new Job(requestId, status));
    return this;
  }

  /** A Together batch; status {@code VALIDATING}, {@code IN_PROGRESS}, {@code COMPLETED}... */
  public SandboxJobs togetherBatch(String id, String status) {
    togetherBatches.put(id, new Job(id, status));
    return this;
  }

  /** A Together fine-tune; status {@code pending}, {@code running}, {@code completed}... */
  public SandboxJobs togetherFineTune(String id, String status) {
    togetherFineTunes.put(id, new Job(id, status));
    return this;
  }

  /** A Cerebras batch; status {@code queued}, {@code in_progress}, {@code completed}... */
  public SandboxJobs cerebrasBatch(String id, String status) {
    cerebrasBatches.put(id, new Job(id, status));
    return this;
  }

  /** An Archetype fine-tune job; status {@code REGISTERED}, {@code RUNNING}, {@code COMPLETED}... */
  public SandboxJobs archetypeJob(String id, String status) {
    archetypeJobs.put(id, new Job(id, status));
    return this;
  }

  /**
   * The demo jobs: for each operation one job that can be cancelled and one that cannot, with the ids of the
   * providers' own documentation examples where they have them.
   */
  public SandboxJobs seedDemo() {
    return togetherQueued("meta-llama/Llama-3-8b", "req_pending_01", "pending")
        .togetherQueued("meta-llama/Llama-3-8b", "req_running_02", "running")
        .togetherBatch("batch_job_abc123def456", "IN_PROGRESS")
        .togetherBatch("batch_job_done789", "COMPLETED")
        .togetherFineTune("ft-01234567890123456789", "running")
        .cerebrasBatch("batch_abc123", "in_progress")
        .archetypeJob("ftj-my-finetune-run-3de60a5c", "RUNNING")
        .archetypeJob("ftj-finished-run-77aa", "COMPLETED");
  }
}
