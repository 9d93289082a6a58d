package dev.cancelkit.common.internal.attempt;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * A future handed to a user: its {@code cancel} aborts the call in flight and any pending retry.
 */
final class CallFuture<T> extends CompletableFuture<T> {
  private final InFlight<T> call;

  CallFuture(InFlight<T> call) {
    this.call = call;
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    call.abort(new CancellationException("cancelled by the caller"));
    return cancelled;
  }
}
