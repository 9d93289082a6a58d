/**
 * Cancels or stops fine-tune jobs on Archetype AI.
 *
 * <pre>{@code
 * try (ArchetypeClient archetype = ArchetypeClient.builder().build()) { // key from ATAI_API_KEY
 *   archetype.fineTuneJobs().cancel("ftj-my-finetune-run-3de60a5c");   // at once: CANCELLED
 *   archetype.fineTuneJobs().stopAndAwait("ftj-other-run-1", Duration.ofMinutes(10)); // STOPPING, then STOPPED
 * }
 * }</pre>
 *
 * <p>Start with {@link dev.cancelkit.archetype.ArchetypeClient}.
 */
package dev.cancelkit.archetype;
