package dev.cancelkit.together;

import dev.cancelkit.common.ClientBuilder;
import dev.cancelkit.common.Jobs;
import dev.cancelkit.common.internal.client.ProviderSpec;
import dev.cancelkit.common.internal.job.CancelOperation;
import dev.cancelkit.common.internal.job.ListSpec;
import dev.cancelkit.common.internal.runtime.ClientRuntime;
import dev.cancelkit.together.api.BatchesApi;
import dev.cancelkit.together.api.EndpointsApi;
import dev.cancelkit.together.api.FineTuningApi;
import dev.cancelkit.together.api.QueueApi;
import dev.cancelkit.together.api.RlApi;
import dev.cancelkit.together.model.BatchJob;
import dev.cancelkit.together.model.DedicatedEndpoint;
import dev.cancelkit.together.model.FinetuneResponseTruncated;
import dev.cancelkit.together.model.QueueCancelRequest;
import dev.cancelkit.together.model.QueueCancelResponse;
import dev.cancelkit.together.model.QueueClearRequest;
import dev.cancelkit.together.model.RLTrainingSession;
import dev.cancelkit.together.model.UpdateEndpointRequest;

/**
 * Cancels queued requests, batches and fine-tuning jobs on Together AI, and stops dedicated
 * endpoints and RL training sessions.
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
  private final Jobs<BatchJob> batches;
  private final Jobs<FinetuneResponseTruncated> fineTunes;
  private final Jobs<DedicatedEndpoint> endpoints;
  private final Jobs<RLTrainingSession> trainingSessions;

  /** Sessions asked for per page. */
  static final int SESSION_PAGE = 100;

  private TogetherClient(ClientRuntime runtime) {
    this.runtime = runtime;
    // the generated interfaces are looked up on first use, so a client that only cancels batches
    // never loads the rest
    this.batches =
        CancelOperation.builder(runtime, BatchJob.class)
            .kind("batch")
            .cancel(id -> runtime.service(BatchesApi.class).batchesIdCancelPost(id))
            .read(id -> runtime.service(BatchesApi.class).batchesIdGet(id))
            .list(ListSpec.unpaged(() -> runtime.service(BatchesApi.class).batchesGet(), null))
            .states(TogetherStates.BATCH)
            .build();
    this.fineTunes =
        CancelOperation.builder(runtime, FinetuneResponseTruncated.class)
            .kind("fine-tune")
            .cancel(id -> runtime.service(FineTuningApi.class).fineTunesIdCancelPost(id))
            .read(id -> runtime.service(FineTuningApi.class).fineTunesIdGet(id))
            .list(
                ListSpec.unpaged(() -> runtime.service(FineTuningApi.class).fineTunesGet(), "data"))
            .states(TogetherStates.FINE_TUNE)
            .costs(TogetherCosts.FINE_TUNE)
            .build();
    this.endpoints =
        CancelOperation.builder(runtime, DedicatedEndpoint.class)
            .kind("endpoint")
            .cancel(
                id ->
                    runtime
                        .service(EndpointsApi.class)
                        .updateEndpoint(
                            id,
                            new UpdateEndpointRequest()
                                .state(UpdateEndpointRequest.StateEnum.STOPPED)))
            .read(id -> runtime.service(EndpointsApi.class).getEndpoint(id))
            .list(
                ListSpec.unpaged(
                        () ->
                            runtime
                                .service(EndpointsApi.class)
                                .listEndpoints("dedicated", null, true),
                        "data")
                    .keeping(item -> "dedicated".equals(item.get("type"))))
            .statusField("state")
            .states(TogetherStates.ENDPOINT)
            .costs(TogetherCosts.endpoint(runtime))
            .build();
    this.trainingSessions =
        CancelOperation.builder(runtime, RLTrainingSession.class)
            .kind("rl-session")
            .cancel(id -> runtime.service(RlApi.class).stopTrainingSession(id))
            .read(id -> runtime.service(RlApi.class).getTrainingSession(id))
            .list(
                ListSpec.cursor(
                    (limit, after) ->
                        runtime
                            .service(RlApi.class)
                            .listTrainingSessions(null, (long) limit, after),
                    "data",
                    SESSION_PAGE))
            .states(TogetherStates.TRAINING_SESSION)
            .build();
  }

  /** Starts a builder; see {@link ClientBuilder} for the options. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The requests queued for {@code model} ({@code POST /queue/cancel}); a job id is the request id
   * returned by the submit call. Only pending requests can be cancelled: a running, done or failed
   * one comes back as a NOT_CANCELLABLE result (HTTP 200 or 409), not an exception. Reads with
   * {@code GET /queue/status}; {@link ModelQueue#clear()} cancels every pending request of the
   * model. Together has no operation that lists queued requests.
   *
   * @throws IllegalArgumentException if the model is null or blank
   */
  public ModelQueue queue(String model) {
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException(
          "The model of a queued Together request must not be null or blank");
    }
    return new ModelQueue(
        CancelOperation.builder(runtime, QueueCancelResponse.class)
            .kind("queued request")
            .cancel(
                requestId ->
                    runtime
                        .service(QueueApi.class)
                        .cancelQueueJob(new QueueCancelRequest().model(model).requestId(requestId)))
            .read(requestId -> runtime.service(QueueApi.class).getQueueJobStatus(requestId, model))
            .states(TogetherStates.QUEUE)
            .resultStatuses(
                409) // the documented 409 body is the result: the request was not pending
            .build(),
        runtime,
        () -> runtime.service(QueueApi.class).clearQueue(new QueueClearRequest().model(model)));
  }

  /**
   * Batch jobs: cancels with {@code POST /batches/{id}/cancel}, reads with {@code GET
   * /batches/{id}}, lists with {@code GET /batches} (one answer, no paging).
   */
  public Jobs<BatchJob> batches() {
    return batches;
  }

  /**
   * Fine-tuning jobs: cancels with {@code POST /fine-tunes/{id}/cancel} (ids start with {@code
   * ft-}), reads with {@code GET /fine-tunes/{id}} (whose answer is read into {@link
   * FinetuneResponseTruncated}), lists with {@code GET /fine-tunes} (one answer, no paging).
   */
  public Jobs<FinetuneResponseTruncated> fineTunes() {
    return fineTunes;
  }

  /**
   * The key's dedicated endpoints, which bill for every minute they are up. "Cancel" stops one:
   * {@code PATCH /endpoints/{id}} with exactly {@code {"state": "STOPPED"}} (nothing else of the
   * endpoint changes; starting it again undoes it). Reads with {@code GET /endpoints/{id}}, lists
   * with {@code GET /endpoints?type=dedicated&mine=true} (one answer); a serverless endpoint is
   * Together's own and never listed, even if the answer holds one.
   */
  public Jobs<DedicatedEndpoint> endpoints() {
    return endpoints;
  }

  /**
   * RL training sessions. "Cancel" stops one: {@code POST /rl/training-sessions/{id}/stop}. Reads
   * with {@code GET /rl/training-sessions/{id}}, lists with {@code GET
   * /rl/training-sessions?limit=100}, the next page at {@code after=meta.next_cursor} while {@code
   * meta.has_more}.
   */
  public Jobs<RLTrainingSession> trainingSessions() {
    return trainingSessions;
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
