/**
 * Cancelling many jobs at once: {@link dev.cancelkit.common.internal.bulk.BulkRun} (order, the
 * run's deadline, interrupts, what each id came to), its {@link
 * dev.cancelkit.common.internal.bulk.SharedPause} (the run's gate) and the {@link
 * dev.cancelkit.common.internal.bulk.Pacing} that learns the provider's rate from its 429s and rate
 * headers.
 *
 * <p>Floor 6: it may use {@code attempt}, {@code client} and {@code text}; it knows nothing of HTTP
 * bodies or of Retrofit.
 */
package dev.cancelkit.common.internal.bulk;
