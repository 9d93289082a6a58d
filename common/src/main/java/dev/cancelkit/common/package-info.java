/**
 * What every cancelkit client shares: {@link dev.cancelkit.common.Cancellable}, {@link
 * dev.cancelkit.common.CancelResult}, {@link dev.cancelkit.common.CancelState} and the exceptions,
 * all of which extend {@link dev.cancelkit.common.CancelKitException}.
 *
 * <pre>{@code
 * Cancellable<BatchJob> batches = together.batches();
 * try {
 *   CancelResult<BatchJob> r = batches.cancel("batch_job_abc123def456");
 *   switch (r.state()) {
 *     case CANCELLED, CANCELLING -> log.info("stopping: {}", r.providerStatus());
 *     case NOT_CANCELLABLE -> log.warn("already finished: {}", r.providerStatus());
 *     case UNKNOWN -> log.warn("undocumented status {}", r.providerStatus());
 *   }
 * } catch (NotFoundException e) {
 *   log.warn("no such batch ({})", e.requestId().orElse("no request id"));
 * } catch (TransportException e) {
 *   if (e.requestSent()) {
 *     log.warn("no answer; the cancel may have reached the provider: {}", e.getMessage());
 *   }
 * }
 * }</pre>
 *
 * <p>When things go wrong: interrupting a thread blocked in a call aborts the call at once (a
 * {@link dev.cancelkit.common.TransportException} that says whether the request was sent, with the
 * interrupt flag set again); an interrupted {@code cancelAll} throws {@link
 * dev.cancelkit.common.CancelAllInterruptedException} accounting for every id; after {@code
 * close()} every new call throws {@link IllegalStateException} and sends nothing. No message or
 * {@code toString()} contains the API key, and control characters a provider sends are escaped in
 * messages.
 *
 * <p>Nullability: a value that an answer may lack is an {@link java.util.Optional} ({@code
 * requestId()}, {@code retryAfter()}, an outcome's {@code result()} and {@code error()}); the
 * fields read from a provider's error body ({@code errorMessage()}, {@code errorCode()}, {@code
 * errorType()}, {@code param()}) mirror its JSON and are null when it has none. Nothing else
 * returns null.
 */
package dev.cancelkit.common;
