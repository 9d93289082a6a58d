package dev.cancelkit.common.internal.attempt;

import java.util.concurrent.CompletableFuture;

/** A call on its way: what it will end in, whether its request went out, and a way to stop it. */
public interface InFlight<T> {
  /** Completes when the call is over. */
  CompletableFuture<T> result();

  /** Whether a request of the call reached a connection: the provider may have acted on it. */
  boolean sent();

  /**
   * Ends the call from outside with {@code t}, cancelling what is in flight; false if it had
   * already ended.
   */
  boolean abort(Throwable t);
}
