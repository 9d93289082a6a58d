package dev.cancelkit.common;

import dev.cancelkit.common.internal.SafeText;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One job as a read or a list found it: its normalised state, the status text as sent, and the
 * provider's record of the job.
 *
 * @param <R> the generated model the job is read into (the cancel's model type)
 */
public final class JobStatus<R> {
  private final String jobId;
  private final JobState state;
  private final String providerStatus;
  private final R job;
  private final Instant createdAt;
  private final String requestId;

  /**
   * Creates a status. The library builds these; the constructor is public so that tests can build
   * them too.
   *
   * @param createdAt when the provider says the job was created, or null if it does not say
   * @param requestId the provider's request id of the answer, or null when it sent none
   */
  public JobStatus(
      String jobId,
      JobState state,
      String providerStatus,
      R job,
      Instant createdAt,
      String requestId) {
    this.jobId = Objects.requireNonNull(jobId, "jobId");
    this.state = Objects.requireNonNull(state, "state");
    this.providerStatus = providerStatus;
    this.job = job;
    this.createdAt = createdAt;
    this.requestId = requestId;
  }

  /** The job's id. */
  public String jobId() {
    return jobId;
  }

  /** The job's state, normalised from {@link #providerStatus()}. */
  public JobState state() {
    return state;
  }

  /**
   * The status string exactly as the provider sent it (escape it before printing it to a terminal),
   * except that the API key, should a server echo it, is redacted.
   */
  public String providerStatus() {
    return providerStatus;
  }

  /** The provider's record of the job, read into the cancel's model type. */
  public R job() {
    return job;
  }

  /** When the provider says the job was created, if it says. */
  public Optional<Instant> createdAt() {
    return Optional.ofNullable(createdAt);
  }

  /** The provider's id of the answer this status came from, if it sent one. */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof JobStatus<?> that)) {
      return false;
    }
    return jobId.equals(that.jobId)
        && state == that.state
        && Objects.equals(providerStatus, that.providerStatus)
        && Objects.equals(job, that.job)
        && Objects.equals(createdAt, that.createdAt)
        && Objects.equals(requestId, that.requestId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(jobId, state, providerStatus, job, createdAt, requestId);
  }

  @Override
  public String toString() {
    return "JobStatus{jobId="
        + SafeText.escape(jobId)
        + ", state="
        + state
        + ", providerStatus="
        + SafeText.escape(providerStatus)
        + (createdAt == null ? "" : ", createdAt=" + createdAt)
        + (requestId == null ? "" : ", requestId=" + SafeText.escape(requestId))
        + "}";
  }
}
