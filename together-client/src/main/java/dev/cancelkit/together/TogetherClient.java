package dev.cancelkit.together;

import dev.cancelkit.common.Cancellable;
import dev.cancelkit.common.ClientBuilder;
import dev.cancelkit.common.internal.CancelOperation;
import dev.cancelkit.common.internal.ClientRuntime;
import dev.cancelkit.common.internal.ProviderSpec;
import dev.cancelkit.together.api.BatchesApi;
import dev.cancelkit.together.api.FineTuningApi;
import dev.cancelkit.together.api.QueueApi;
import dev.cancelkit.together.model.BatchJob;
import dev.cancelkit.together.model.FinetuneResponseTruncated;
import dev.cancelkit.together.model.QueueCancelRequest;
import dev.cancelkit.together.model.QueueCancelResponse;

/**
 * Cancels queued requests, batches and fine-tuning jobs on Together AI.
 *
 * <pre>{@code
 * try (TogetherClient together = TogetherClient.builder().build()) { // key from TOGETHER_API_KEY
 *   CancelResult<BatchJob> r = together.batches().cancel("batch_job_abc123def456");
 *   System.out.println(r.state() + " " + r.providerStatus());
 * }
 * }</pre>
 *
 * <p>Thread-safe and cheap to share; close it to release its connections and threads.
 */
public final class TogetherClient implements AutoCloseable {
  static final ProviderSpec PROVIDER =
      new ProviderSpec(
          "together", "TOGETHER_API_KEY", "TOGETHER_BASE_URL", "https://api.together.ai/v1");

  private final ClientRuntime runtime;
  private final Cancellable<BatchJob> batches;
  private final Cancellable<FinetuneResponseTruncated> fineTunes;

  private TogetherClient(ClientRuntime runtime) {
    this.runtime = runtime;
    // the generated interfaces are looked up on first use, so a client that only cancels batches
    // never loads the rest
    this.batches =
        CancelOperation.builder(runtime, BatchJob.class)
            .cancel(id -> runtime.service(BatchesApi.class).batchesIdCancelPost(id))
            .read(id -> runtime.service(BatchesApi.class).batchesIdGet(id))
            .states(TogetherStates.BATCH)
            .build();
    this.fineTunes =
        CancelOperation.builder(runtime, FinetuneResponseTruncated.class)
            .cancel(id -> runtime.service(FineTuningApi.class).fineTunesIdCancelPost(id))
            .read(id -> runtime.service(FineTuningApi.class).fineTunesIdGet(id))
            .states(TogetherStates.FINE_TUNE)
            .build();
  }

  /** Starts a builder; see {@link ClientBuilder} for the options. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Cancels requests queued for {@code model} ({@code POST /queue/cancel}); the job id is the
   * request id returned by the submit call. Only pending requests can be cancelled: a running, done
   * or failed one comes back as a NOT_CANCELLABLE result (HTTP 200 or 409), not an exception. Waits
   * with {@code GET /queue/status}.
   *
   * @throws IllegalArgumentException if the model is null or blank
   */
  public Cancellable<QueueCancelResponse> queue(String model) {
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException(
          "The model of a queued Together request must not be null or blank");
    }
    return CancelOperation.builder(runtime, QueueCancelResponse.class)
        .cancel(
            requestId ->
                runtime
                    .service(QueueApi.class)
                    .cancelQueueJob(new QueueCancelRequest().model(model).requestId(requestId)))
        .read(requestId -> runtime.service(QueueApi.class).getQueueJobStatus(requestId, model))
        .states(TogetherStates.QUEUE)
        .resultStatuses(409) // the documented 409 body is the result: the request was not pending
        .build();
  }

  /**
   * Cancels batch jobs ({@code POST /batches/{id}/cancel}); waits with {@code GET /batches/{id}}.
   */
  public Cancellable<BatchJob> batches() {
    return batches;
  }

  /**
   * Cancels fine-tuning jobs ({@code POST /fine-tunes/{id}/cancel}); ids start with {@code ft-}.
   * Waits with {@code GET /fine-tunes/{id}}, whose answer is read into {@link
   * FinetuneResponseTruncated}.
   */
  public Cancellable<FinetuneResponseTruncated> fineTunes() {
    return fineTunes;
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
    return "TogetherClient{" + runtime.baseUrl() + "}";
  }

  /**
   * Builds a {@link TogetherClient}. Key: {@code TOGETHER_API_KEY}; base URL: {@code
   * TOGETHER_BASE_URL}.
   */
  public static final class Builder extends ClientBuilder<Builder> {
    private Builder() {}

    /**
     * Builds the client.
     *
     * @throws IllegalStateException if no key was given and {@code TOGETHER_API_KEY} is unset
     * @throws IllegalArgumentException if the key or base URL is unusable
     */
    public TogetherClient build() {
      return new TogetherClient(runtime(PROVIDER));
    }
  }
}
