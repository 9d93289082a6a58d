package dev.cancelkit.cerebras;

import dev.cancelkit.cerebras.api.BatchesApi;
import dev.cancelkit.cerebras.model.Batch;
import dev.cancelkit.common.ClientBuilder;
import dev.cancelkit.common.Jobs;
import dev.cancelkit.common.internal.answer.CreationTime;
import dev.cancelkit.common.internal.client.ProviderSpec;
import dev.cancelkit.common.internal.job.CancelOperation;
import dev.cancelkit.common.internal.job.ListSpec;
import dev.cancelkit.common.internal.runtime.ClientRuntime;

/**
 * Cancels batch jobs on Cerebras.
 *
 * <pre>{@code
 * try (CerebrasClient cerebras = CerebrasClient.builder().build()) { // key from CEREBRAS_API_KEY
 *   CancelResult<Batch> r = cerebras.batches().cancel("batch_abc123");
 *   System.out.println(r.state() + " " + r.providerStatus()); // CANCELLING cancelling
 * }
 * }</pre>
 *
 * <p>A cancelled batch stays {@code cancelling} for up to ten minutes before it is {@code
 * cancelled}. Thread-safe and cheap to share; close it to release its connections and threads.
 */
public final class CerebrasClient implements AutoCloseable {
  static final ProviderSpec PROVIDER =
      new ProviderSpec(
          "cerebras", "CEREBRAS_API_KEY", "CEREBRAS_BASE_URL", "https://api.cerebras.ai/v1");

  private final ClientRuntime runtime;

  /** The largest page Cerebras serves. */
  static final int PAGE_SIZE = 100;

  private final Jobs<Batch> batches;

  private CerebrasClient(ClientRuntime runtime) {
    this.runtime = runtime;
    this.batches =
        CancelOperation.builder(runtime, Batch.class)
            .kind("batch")
            .cancel(id -> runtime.service(BatchesApi.class).cancelBatch(id))
            .read(id -> runtime.service(BatchesApi.class).retrieveBatch(id))
            .list(
                ListSpec.afterId(
                    (limit, after) ->
                        runtime.service(BatchesApi.class).listBatches((long) limit, after),
                    "data",
                    PAGE_SIZE))
            .states(CerebrasStates.BATCH)
            .createdAt(CreationTime.UNIX_SECONDS) // created_at: 1766003277
            .build();
  }

  /** Starts a builder; see {@link ClientBuilder} for the options. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Batch jobs: cancels with {@code DELETE /batches/{batch_id}}, reads with {@code GET
   * /batches/{batch_id}}, lists with {@code GET /batches?limit=100&after=...} page by page.
   */
  public Jobs<Batch> batches() {
    return batches;
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
    return "CerebrasClient{" + runtime.baseUrl() + "}";
  }

  /**
   * Builds a {@link CerebrasClient}. Key: {@code CEREBRAS_API_KEY}; base URL: {@code
   * CEREBRAS_BASE_URL}.
   */
  public static final class Builder extends ClientBuilder<Builder> {
    private Builder() {}

    /**
     * Builds the client.
     *
     * @throws IllegalStateException if no key was given and {@code CEREBRAS_API_KEY} is unset
     * @throws IllegalArgumentException if the key or base URL is unusable
     */
    public CerebrasClient build() {
      return new CerebrasClient(runtime(PROVIDER));
    }
  }
}
