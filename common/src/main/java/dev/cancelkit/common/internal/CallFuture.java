package dev.cancelkit.common.internal;

import java.util.concurrent.CompletableFuture;
import okhttp3.Call;

/** A future whose {@code cancel} also cancels the HTTP call behind it. */
final class CallFuture<T> extends CompletableFuture<T> {
  private final Call call;

  CallFuture(Call call) {
    this.call = call;
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    call.cancel();
    return super.cancel(mayInterruptIfRunning);
  }
}
