package dev.cancelkit.archetype;

import dev.cancelkit.archetype.model.FineTuneJob;
import dev.cancelkit.common.BulkOptions;
import dev.cancelkit.common.CancelOutcome;
import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.Cancellable;
import dev.cancelkit.common.JobStatus;
import dev.cancelkit.common.Jobs;
import dev.cancelkit.common.internal.job.CancelOperation;
import dev.cancelkit.common.internal.job.ForwardingCancellable;
import dev.cancelkit.common.internal.job.JobKind;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Archetype fine-tune jobs: {@code cancel} ends a job at once without finalizing; {@code stop}
 * winds it down gracefully, keeping its latest checkpoint.
 *
 * <p>For a stop, {@code STOPPED} is CANCELLED; {@code STOPPING}, {@code REGISTERED}, {@code
 * STARTING}, {@code RUNNING} and {@code FINALIZING} are CANCELLING; {@code COMPLETED}, {@code
 * FAILED} and {@code CANCELLED} are NOT_CANCELLABLE.
 */
public final class FineTuneJobs extends ForwardingCancellable<FineTuneJob>
    implements Jobs<FineTuneJob>, JobKind.Stoppable<FineTuneJob> {
  private final Cancellable<FineTuneJob> stops;

  FineTuneJobs(CancelOperation<FineTuneJob> cancels, Cancellable<FineTuneJob> stops) {
    super(cancels);
    this.stops = stops;
  }

  /** Cancels a job at once ({@code PUT /fine-tune/jobs/{job_id}/cancel}); it ends CANCELLED. */
  @Override
  public CancelResult<FineTuneJob> cancel(String jobId) {
    return delegate.cancel(jobId);
  }

  /**
   * Reads the job ({@code GET /fine-tune/jobs/{job_id}}): {@code REGISTERED}, {@code STARTING},
   * {@code RUNNING} and {@code FINALIZING} are ACTIVE, {@code STOPPING} CANCELLING, {@code
   * CANCELLED} and {@code STOPPED} CANCELLED, {@code COMPLETED} and {@code FAILED} FINISHED.
   */
  @Override
  public JobStatus<FineTuneJob> status(String jobId) {
    return delegate.status(jobId);
  }

  /** Every job, {@code GET /fine-tune/jobs?limit=100&offset=N} page by page. */
  @Override
  public Stream<JobStatus<FineTuneJob>> list() {
    return delegate.list();
  }

  /** The live jobs: the server filters them ({@code statuses=} once per live status). */
  @Override
  public List<JobStatus<FineTuneJob>> active() {
    return delegate.active();
  }

  /**
   * Stops many jobs gracefully ({@code PUT .../stop} each), with the rules of {@link #cancelAll}.
   */
  @Override
  public List<CancelOutcome<FineTuneJob>> stopAll(Collection<String> jobIds, BulkOptions options) {
    return stops.cancelAll(jobIds, options);
  }

  /**
   * Stops a job gracefully ({@code PUT /fine-tune/jobs/{job_id}/stop}): it goes through {@code
   * STOPPING} to {@code STOPPED}, keeping its latest checkpoint.
   *
   * @throws IllegalArgumentException if the id is invalid; nothing was sent
   */
  public CancelResult<FineTuneJob> stop(String jobId) {
    return stops.cancel(jobId);
  }

  /**
   * Stops a job and waits, as {@link #cancelAndAwait(String, Duration)} does, until it is STOPPED
   * (or finished).
   */
  public CancelResult<FineTuneJob> stopAndAwait(String jobId, Duration maxWait) {
    return stops.cancelAndAwait(jobId, maxWait);
  }

  /** As {@link #stopAndAwait(String, Duration)}, telling {@code onChange} of each new status. */
  public CancelResult<FineTuneJob> stopAndAwait(
      String jobId, Duration maxWait, Consumer<CancelResult<FineTuneJob>> onChange) {
    return stops.cancelAndAwait(jobId, maxWait, onChange);
  }

  @Override
  public String toString() {
    return "FineTuneJobs{" + delegate + "}";
  }
}
