package dev.cancelkit.together;

import dev.cancelkit.common.BulkOptions;
import dev.cancelkit.common.CancelKitException;
import dev.cancelkit.common.CancelOutcome;
import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.Cancellable;
import dev.cancelkit.common.InvalidResponseException;
import dev.cancelkit.common.JobStatus;
import dev.cancelkit.common.internal.client.Origin;
import dev.cancelkit.common.internal.job.CancelOperation;
import dev.cancelkit.common.internal.job.JobKind;
import dev.cancelkit.common.internal.runtime.ClientRuntime;
import dev.cancelkit.together.model.QueueCancelResponse;
import dev.cancelkit.together.model.QueueClearResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import retrofit2.Call;

/**
 * The requests queued on Together for one model: each can be cancelled while it is pending, and
 * {@link #clear()} cancels every pending one at once. Together cannot list queued requests.
 */
public final class ModelQueue implements Cancellable<QueueCancelResponse>, JobKind {
  private final CancelOperation<QueueCancelResponse> requests;
  private final ClientRuntime runtime;
  private final Supplier<Call<QueueClearResponse>> clear;

  ModelQueue(
      CancelOperation<QueueCancelResponse> requests,
      ClientRuntime runtime,
      Supplier<Call<QueueClearResponse>> clear) {
    this.requests = requests;
    this.runtime = runtime;
    this.clear = clear;
  }

  /**
   * Cancels every pending request for the model ({@code POST /queue/clear}); running ones are left
   * alone.
   *
   * @return how many requests Together cancelled ({@code canceled_count})
   * @throws CancelKitException if the call failed
   */
  public long clear() {
    QueueClearResponse r = runtime.execute(clear, QueueClearResponse.class);
    if (r.getCanceledCount() == null) {
      throw new InvalidResponseException(
          "together answered the queue clear without a canceled_count", null);
    }
    return r.getCanceledCount();
  }

  @Override
  public Origin origin() {
    return requests.origin();
  }

  @Override
  public String provider() {
    return "together";
  }

  @Override
  public String kind() {
    return "queue";
  }

  @Override
  public void checkId(String requestId) {
    requests.checkId(requestId);
  }

  @Override
  public CancelResult<QueueCancelResponse> cancel(String requestId) {
    return requests.cancel(requestId);
  }

  @Override
  public CompletableFuture<CancelResult<QueueCancelResponse>> cancelAsync(String requestId) {
    return requests.cancelAsync(requestId);
  }

  /**
   * Reads the request ({@code GET /queue/status}): {@code pending} and {@code running} are ACTIVE,
   * {@code canceled} CANCELLED, {@code done} and {@code failed} FINISHED.
   */
  @Override
  public JobStatus<QueueCancelResponse> status(String requestId) {
    return requests.status(requestId);
  }

  @Override
  public CancelResult<QueueCancelResponse> cancelAndAwait(
      String requestId, Duration maxWait, Consumer<CancelResult<QueueCancelResponse>> onChange) {
    return requests.cancelAndAwait(requestId, maxWait, onChange);
  }

  @Override
  public List<CancelOutcome<QueueCancelResponse>> cancelAll(
      Collection<String> requestIds, BulkOptions options) {
    return requests.cancelAll(requestIds, options);
  }

  @Override
  public void cancelEach(
      Iterable<String> requestIds,
      BulkOptions options,
      Consumer<? super CancelOutcome<QueueCancelResponse>> onOutcome) {
    requests.cancelEach(requestIds, options, onOutcome);
  }

  @Override
  public String toString() {
    return "ModelQueue{" + runtime + "}";
  }
}
