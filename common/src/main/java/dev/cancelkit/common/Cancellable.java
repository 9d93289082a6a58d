package dev.cancelkit.common;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Cancels one kind of job on one provider.
 *
 * <p>Implementations are thread-safe. A job id is sent as exactly one percent-encoded path segment;
 * a null or blank id, {@code "."}, {@code ".."}, or an id outside the provider's limits is rejected
 * with {@link IllegalArgumentException} before anything is sent. After the client is closed every
 * method throws {@link IllegalStateException} and sends nothing.
 *
 * <p>Interrupting a thread blocked in any method aborts the HTTP call in flight: the method throws
 * {@link TransportException} at once, with the interrupt flag set again, and {@link
 * TransportException#requestSent()} says whether the provider may have acted.
 *
 * @param <R> the provider's model of the cancelled job, as returned by the cancel call
 */
public interface Cancellable<R> {

  /**
   * Cancels {@code jobId} and returns the job's state after the attempt. Blocks until the provider
   * answers. A 409 (the job's state does not allow the cancel) is a result, not an exception: the
   * job is read once, and the result says what that read found, with {@link
   * CancelResult#httpStatus()} 409 (NOT_CANCELLABLE for a job that already finished, CANCELLED for
   * one already cancelled); only if that read fails is a {@link ConflictException} thrown, the
   * read's failure suppressed in it.
   *
   * @throws IllegalArgumentException if the id is invalid; nothing was sent
   * @throws CancelKitException if the call failed; see its subclasses
   */
  CancelResult<R> cancel(String jobId);

  /**
   * Cancels {@code jobId} without blocking the caller. The future completes with what {@link
   * #cancel} would return, or exceptionally with exactly the exception it would throw, on a thread
   * of its own: a stage that blocks (even on another call of the same client) stalls nothing.
   * Cancelling the future aborts the call and any pending retry.
   *
   * @throws IllegalArgumentException if the id is invalid; nothing was sent
   */
  CompletableFuture<CancelResult<R>> cancelAsync(String jobId);

  /**
   * Reads the job with the provider's read operation, without cancelling it. A read never says
   * CANCELLING for a job nobody asked to stop.
   *
   * @throws IllegalArgumentException if the id is invalid; nothing was sent
   * @throws CancelKitException if the read failed
   */
  JobStatus<R> status(String jobId);

  /**
   * Cancels {@code jobId}, then reads the job, with backoff, until it is CANCELLED or
   * NOT_CANCELLABLE or {@code maxWait} has passed, and returns the last result (still CANCELLING is
   * a result, not an exception).
   *
   * @throws IllegalArgumentException if the id is invalid or {@code maxWait} is negative; nothing
   *     was sent
   * @throws CancelKitException if the cancel itself failed
   */
  default CancelResult<R> cancelAndAwait(String jobId, Duration maxWait) {
    return cancelAndAwait(jobId, maxWait, result -> {});
  }

  /**
   * As {@link #cancelAndAwait(String, Duration)}; {@code onChange} sees each result whose {@link
   * CancelResult#providerStatus()} differs from the one before, starting with the cancel's own.
   * Every result carries the cancel's model type: a read's body is read into {@code R}. While
   * waiting, a read that shows the job still running after its cancel was accepted counts as
   * CANCELLING. A read that fails ends the wait; the last result is returned.
   *
   * <p>Returns (or throws) within {@code maxWait} plus one second, whatever the server does: the
   * cancel's and the reads' attempts are cut short at the deadline, and no retry or read starts
   * that could not finish before it.
   */
  CancelResult<R> cancelAndAwait(
      String jobId, Duration maxWait, Consumer<CancelResult<R>> onChange);

  /**
   * Cancels many jobs, at most {@link BulkOptions#concurrency()} at a time, and returns one outcome
   * per distinct id, in the order of first appearance; a duplicate id is cancelled once. A 429
   * pauses every call of the run for its {@code Retry-After}, not just the one that saw it; a
   * {@code Retry-After} over 60 s is waited for by nobody: the ids not yet sent are not sent, and
   * each gets an outcome with a {@link RateLimitException} carrying it.
   *
   * @throws IllegalArgumentException naming the first invalid id; nothing was sent
   * @throws CancelAllInterruptedException if the calling thread was interrupted: nothing more was
   *     sent, the calls in flight were aborted (after {@link BulkOptions#interruptGrace()}), and it
   *     says what is known of every id
   */
  List<CancelOutcome<R>> cancelAll(Collection<String> jobIds, BulkOptions options);

  /**
   * Cancels every id {@code jobIds} gives, streamed: ids are taken from it as calls finish (at most
   * {@link BulkOptions#concurrency()} in flight, with the pauses and pacing of {@link #cancelAll}),
   * and each outcome goes to {@code onOutcome} as soon as it is known (from any thread, never after
   * this method has returned or thrown) and is not kept. Memory stays flat however many ids: the
   * way to cancel a million. Unlike {@code cancelAll}, an id is checked when it is taken, and a
   * duplicate is cancelled again.
   *
   * @throws IllegalArgumentException for the first invalid id: nothing more was sent, and the calls
   *     in flight were answered (and handed on) first
   * @throws CancelAllInterruptedException if the calling thread was interrupted: its {@code
   *     outcomes()} is empty (they were handed on), {@code unsent()} and {@code unknown()} name the
   *     ids that were taken but not sent, or sent and not answered; the ids not yet taken were not
   *     read from {@code jobIds}
   */
  void cancelEach(
      Iterable<String> jobIds, BulkOptions options, Consumer<? super CancelOutcome<R>> onOutcome);

  /** {@link #cancelAll(Collection, BulkOptions)} with {@link BulkOptions#defaults()}. */
  default List<CancelOutcome<R>> cancelAll(Collection<String> jobIds) {
    return cancelAll(jobIds, BulkOptions.defaults());
  }

  /**
   * {@link #cancelAll(Collection, BulkOptions)}, telling {@code onOutcome} of each finished id with
   * its typed outcome (after the options' own {@code onProgress}, from any thread, never after this
   * method has returned or thrown).
   */
  @SuppressWarnings("unchecked") // every outcome of this run is a CancelOutcome<R>
  default List<CancelOutcome<R>> cancelAll(
      Collection<String> jobIds,
      BulkOptions options,
      Consumer<? super CancelOutcome<R>> onOutcome) {
    Objects.requireNonNull(onOutcome, "onOutcome");
    Consumer<CancelOutcome<?>> first = options.progressListener();
    return cancelAll(
        jobIds,
        options.onProgress(
            outcome -> {
              try {
                first.accept(outcome);
              } finally {
                onOutcome.accept((CancelOutcome<R>) outcome);
              }
            }));
  }
}
