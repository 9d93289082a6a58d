package dev.cancelkit.common;

import java.util.concurrent.CompletableFuture;

/**
 * Cancels one kind of job on one provider.
 *
 * <p>Implementations are thread-safe. A job id is sent as exactly one percent-encoded path segment; a null or
 * blank id, {@code "."}, {@code ".."}, or an id outside the provider's limits is rejected with
 * {@link IllegalArgumentException} before anything is sent.
 *
 * @param <R> the provider's model of the cancelled job, as returned by the cancel call
 */
public interface Cancellable<R> {

  /**
   * Cancels {@code jobId} and returns the job's state after the attempt. Blocks until the provider answers.
   *
   * @throws IllegalArgumentException if the id is invalid; nothing was sent
   * @throws CancelKitException if the call failed; see its subclasses
   */
  CancelResult<R> cancel(String jobId);

  /**
   * Cancels {@code jobId} without blocking the caller. The future completes with what {@link #cancel} would
   * return, or exceptionally with exactly the exception it would throw. Cancelling the future aborts the call.
   *
   * @throws IllegalArgumentException if the id is invalid; nothing was sent
   */
  CompletableFuture<CancelResult<R>> cancelAsync(String jobId);
}
