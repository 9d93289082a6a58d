package dev.cancelkit.common.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import okhttp3.Call;

/**
 * A future whose {@code cancel} also cancels the HTTP call in flight and any retry waiting to
 * start.
 */
final class CallFuture<T> extends CompletableFuture<T> {
  private Call call;
  private Future<?> pendingRetry;

  /**
   * Records the attempt about to be sent; false (and the call is not to be sent) if the future is
   * already done.
   */
  synchronized boolean inFlight(Call call) {
    if (isDone()) {
      return false;
    }
    this.call = call;
    this.pendingRetry = null;
    return true;
  }

  /** Records a scheduled retry, cancelling it at once if the future is already done. */
  synchronized void waiting(Future<?> retry) {
    if (isDone()) {
      retry.cancel(false);
    } else {
      this.pendingRetry = retry;
    }
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    synchronized (this) {
      if (call != null) {
        call.cancel();
      }
      if (pendingRetry != null) {
        pendingRetry.cancel(false);
      }
    }
    return cancelled;
  }
}
