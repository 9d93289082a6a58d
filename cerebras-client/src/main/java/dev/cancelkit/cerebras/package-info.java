/**
 * Cancels batch jobs on Cerebras.
 *
 * <pre>{@code
 * try (CerebrasClient cerebras = CerebrasClient.builder().build()) { // key from CEREBRAS_API_KEY
 *   CancelResult<Batch> r = cerebras.batches().cancel("batch_abc123"); // CANCELLING: "cancelling"
 *   r = cerebras.batches().cancelAndAwait("batch_abc123", Duration.ofMinutes(15)); // up to ~10 min to "cancelled"
 * }
 * }</pre>
 *
 * <p>Start with {@link dev.cancelkit.cerebras.CerebrasClient}.
 */
package dev.cancelkit.cerebras;
