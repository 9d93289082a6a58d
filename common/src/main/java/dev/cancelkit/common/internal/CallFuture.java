package dev.cancelkit.common.internal;

import java.util.concurrent.CompletableFuture;

/**
 * A future handed to a user: its {@code cancel} aborts the call in flight and any pending retry.
 */
final class CallFuture<T> extends CompletableFuture<T> {
  private final AttemptEngine.Exchange<T> exchange;

  CallFuture(AttemptEngine.Exchange<T> exchange) {
    this.exchange = exchange;
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    exchange.cancelledByCaller();
    return cancelled;
  }
}
