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
 * }
 * }</pre>
 */
package dev.cancelkit.common;
