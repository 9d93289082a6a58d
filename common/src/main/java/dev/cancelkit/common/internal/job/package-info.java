/**
 * Jobs of one kind, as a provider client offers them: the {@link
 * dev.cancelkit.common.internal.job.CancelOperation} behind every {@code Jobs} (cancel, read, list,
 * cancel-all and the 409 rule), the {@link dev.cancelkit.common.internal.job.JobLister} and its
 * hand-off, list specs, {@link dev.cancelkit.common.internal.job.StatusTable}s, costs, and {@link
 * dev.cancelkit.common.internal.job.JobKind} (what the kill switch and the CLI see of a kind).
 *
 * <p>The top floor: it may use every other one. Nothing below imports it.
 */
package dev.cancelkit.common.internal.job;
