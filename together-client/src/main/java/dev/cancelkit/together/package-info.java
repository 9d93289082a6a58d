/**
 * Cancels queued requests, batches and fine-tuning jobs on Together AI.
 *
 * <pre>{@code
 * try (TogetherClient together = TogetherClient.builder().build()) { // key from TOGETHER_API_KEY
 *   CancelResult<BatchJob> batch = together.batches().cancel("batch_job_abc123def456");
 *   CancelResult<QueueCancelResponse> queued =
 *       together.queue("meta-llama/Llama-3-8b").cancel("req_7f9c2a"); // NOT_CANCELLABLE once running
 *   CancelResult<FinetuneResponseTruncated> ft =
 *       together.fineTunes().cancelAndAwait("ft-01234567890123456789", Duration.ofMinutes(5));
 * }
 * }</pre>
 *
 * <p>Start with {@link dev.cancelkit.together.TogetherClient}.
 */
package dev.cancelkit.together;
