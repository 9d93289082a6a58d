package dev.cancelkit.archetype;

import dev.cancelkit.archetype.api.BatchApi;
import dev.cancelkit.archetype.api.FineTuneApi;
import dev.cancelkit.archetype.model.BatchJob;
import dev.cancelkit.archetype.model.FineTuneJob;
import dev.cancelkit.common.ClientBuilder;
import dev.cancelkit.common.Jobs;
import dev.cancelkit.common.internal.client.ProviderSpec;
import dev.cancelkit.common.internal.job.CancelOperation;
import dev.cancelkit.common.internal.job.ListSpec;
import dev.cancelkit.common.internal.runtime.ClientRuntime;

/**
 * Cancels fine-tune jobs on Archetype AI.
 *
 * <pre>{@code
 * try (ArchetypeClient archetype = ArchetypeClient.builder().build()) { // key from ATAI_API_KEY
 *   CancelResult<FineTuneJob> r = archetype.fineTuneJobs().cancel("ftj-my-finetune-run-3de60a5c");
 *   System.out.println(r.state() + " " + r.providerStatus()); // CANCELLED CANCELLED
 * }
 * }</pre>
 *
 * <p>Job ids are 1-64 characters. Thread-safe and cheap to share; close it to release its
 * connections and threads.
 */
public final class ArchetypeClient implements AutoCloseable {
  /** The longest job id Archetype accepts. */
  static final int MAX_JOB_ID_LENGTH = 64;

  static final ProviderSpec PROVIDER =
      new ProviderSpec(
          "archetype",
          "ATAI_API_KEY",
          "ATAI_BASE_URL",
          "https://api.u1.archetypeai.app/v0.5",
          MAX_JOB_ID_LENGTH);

  /** How many jobs a list page asks for. */
  static final int PAGE_SIZE = 100;

  private final ClientRuntime runtime;
  private final FineTuneJobs fineTuneJobs;
  private final Jobs<BatchJob> batchJobs;

  private ArchetypeClient(ClientRuntime runtime) {
    this.runtime = runtime;
    this.fineTuneJobs =
        new FineTuneJobs(
            CancelOperation.builder(runtime, FineTuneJob.class)
                .kind("fine-tune")
                .cancel(id -> runtime.service(FineTuneApi.class).cancelFineTuneJob(id))
                .read(id -> runtime.service(FineTuneApi.class).getFineTuneJob(id))
                .list(
                    ListSpec.offset(
                        (limit, offset, statuses) ->
                            runtime
                                .service(FineTuneApi.class)
                                .listFineTuneJobs((long) limit, (long) offset, statuses),
                        PAGE_SIZE))
                .states(ArchetypeStates.CANCEL)
                .build(),
            CancelOperation.builder(runtime, FineTuneJob.class)
                .kind("fine-tune")
                .cancel(id -> runtime.service(FineTuneApi.class).stopFineTuneJob(id))
                .read(id -> runtime.service(FineTuneApi.class).getFineTuneJob(id))
                .states(ArchetypeStates.STOP)
                .build());
    this.batchJobs =
        CancelOperation.builder(runtime, BatchJob.class)
            .kind("batch")
            .cancel(id -> runtime.service(BatchApi.class).cancelBatchJob(id))
            .read(id -> runtime.service(BatchApi.class).getBatchJob(id))
            .list(
                ListSpec.offsetWithTotal(
                    (limit, offset, statuses) ->
                        runtime
                            .service(BatchApi.class)
                            .listBatchJobs(null, null, null, (long) offset, (long) limit),
                    "jobs",
                    PAGE_SIZE))
            .states(ArchetypeStates.BATCH)
            .build();
  }

  /** Starts a builder; see {@link ClientBuilder} for the options. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Cancels fine-tune jobs ({@code PUT /fine-tune/jobs/{job_id}/cancel}): at once, without
   * finalizing; or stops them gracefully ({@link FineTuneJobs#stop}). Waits with {@code GET
   * /fine-tune/jobs/{job_id}}.
   */
  public FineTuneJobs fineTuneJobs() {
    return fineTuneJobs;
  }

  /**
   * Batch Processing jobs (pipelines run over input files on Archetype's GPUs and CPUs): cancels
   * with {@code POST /batch/jobs/{id}/cancel}, reads with {@code GET /batch/jobs/{id}}, lists with
   * {@code GET /batch/jobs?limit=100&offset=N} until the jobs seen reach the answer's {@code total}
   * or a page is short. Their model is {@link BatchJob}.
   */
  public Jobs<BatchJob> batchJobs() {
    return batchJobs;
  }

  /**
   * Refuses new calls from now on ({@link IllegalStateException}, nothing sent); calls in flight
   * finish. Releases idle connections.
   */
  @Override
  public void close() {
    runtime.close();
  }

  @Override
  public String toString() {
    return "ArchetypeClient{" + runtime.baseUrl() + "}";
  }

  /**
   * Builds an {@link ArchetypeClient}. Key: {@code ATAI_API_KEY}; base URL: {@code ATAI_BASE_URL}.
   */
  public static final class Builder extends ClientBuilder<Builder> {
    private Builder() {}

    /**
     * Builds the client.
     *
     * @throws IllegalStateException if no key was given and {@code ATAI_API_KEY} is unset
     * @throws IllegalArgumentException if the key or base URL is unusable
     */
    public ArchetypeClient build() {
      return new ArchetypeClient(runtime(PROVIDER));
    }
  }
}
