package dev.cancelkit.common;

import dev.cancelkit.common.internal.text.SafeText;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one id in {@link Cancellable#cancelAll}: exactly one of {@link #result()} and
 * {@link #error()} is present.
 *
 * @param <R> the provider's model of the cancelled job
 */
public final class CancelOutcome<R> {
  private final String jobId;
  private final CancelResult<R> result;
  private final CancelKitException error;

  private CancelOutcome(String jobId, CancelResult<R> result, CancelKitException error) {
    this.jobId = Objects.requireNonNull(jobId, "jobId");
    this.result = result;
    this.error = error;
  }

  /** The outcome of a call that answered. */
  public static <R> CancelOutcome<R> of(CancelResult<R> result) {
    return new CancelOutcome<>(result.jobId(), result, null);
  }

  /** The outcome of a call that failed. */
  public static <R> CancelOutcome<R> failed(String jobId, CancelKitException error) {
    return new CancelOutcome<>(jobId, null, Objects.requireNonNull(error, "error"));
  }

  /** The id this outcome is for. */
  public String jobId() {
    return jobId;
  }

  /** The result, if the call answered. */
  public Optional<CancelResult<R>> result() {
    return Optional.ofNullable(result);
  }

  /** The exception, if the call failed. */
  public Optional<CancelKitException> error() {
    return Optional.ofNullable(error);
  }

  @Override
  public String toString() {
    return "CancelOutcome{"
        + jobId
        + ": "
        + (result != null
            ? result.state() + " " + SafeText.escape(result.providerStatus())
            : error.getClass().getSimpleName() + ": " + error.getMessage())
        + "}";
  }
}
