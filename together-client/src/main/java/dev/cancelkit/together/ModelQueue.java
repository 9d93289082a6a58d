package dev.cancelkit.together;

import dev.cancelkit.common.CancelKitException;
import dev.cancelkit.common.InvalidResponseException;
import dev.cancelkit.common.JobStatus;
import dev.cancelkit.common.internal.job.CancelOperation;
import dev.cancelkit.common.internal.job.ForwardingCancellable;
import dev.cancelkit.common.internal.runtime.ClientRuntime;
import dev.cancelkit.together.model.QueueCancelResponse;
import dev.cancelkit.together.model.QueueClearResponse;
import java.util.function.Supplier;
import retrofit2.Call;

/**
 * The requests queued on Together for one model: each can be cancelled while it is pending, and
 * {@link #clear()} cancels every pending one at once. Together cannot list queued requests.
 */
public final class ModelQueue extends ForwardingCancellable<QueueCancelResponse> {
  private final ClientRuntime runtime;
  private final Supplier<Call<QueueClearResponse>> clear;

  ModelQueue(
      CancelOperation<QueueCancelResponse> requests,
      ClientRuntime runtime,
      Supplier<Call<QueueClearResponse>> clear) {
    super(requests);
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
  public String kind() {
    return "queue";
  }

  /**
   * Reads the request ({@code GET /queue/status}): {@code pending} and {@code running} are ACTIVE,
   * {@code canceled} CANCELLED, {@code done} and {@code failed} FINISHED.
   */
  @Override
  public JobStatus<QueueCancelResponse> status(String requestId) {
    return delegate.status(requestId);
  }

  @Override
  public String toString() {
    return "ModelQueue{" + runtime + "}";
  }
}
