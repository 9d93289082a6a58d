package dev.cancelkit.common;

import dev.cancelkit.common.internal.text.SafeText;
import java.math.BigDecimal;
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
  private final BigDecimal spentUsd;
  private final BigDecimal usdPerHour;

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
    this(jobId, state, providerStatus, job, createdAt, requestId, null, null);
  }

  /**
   * Creates a status with what the job costs, where the provider says.
   *
   * @param spentUsd what the job has cost so far, or null if the provider does not say
   * @param usdPerHour what it costs per hour while it runs, or null if not known
   */
  public JobStatus(
      String jobId,
      JobState state,
      String providerStatus,
      R job,
      Instant createdAt,
      String requestId,
      BigDecimal spentUsd,
      BigDecimal usdPerHour) {
    this.jobId = Objects.requireNonNull(jobId, "jobId");
    this.state = Objects.requireNonNull(state, "state");
    this.providerStatus = providerStatus;
    this.job = job;
    this.createdAt = createdAt;
    this.requestId = requestId;
    this.spentUsd = spentUsd;
    this.usdPerHour = usdPerHour;
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

  /**
   * What the provider says the job has cost so far, in US dollars (Together fine-tune: its {@code
   * total_price}, nano-dollars / 1e9); empty wherever the provider does not say. Never a guess.
   */
  public Optional<BigDecimal> spentUsd() {
    return Optional.ofNullable(spentUsd);
  }

  /**
   * What the job costs per hour while it runs, in US dollars (a dedicated endpoint: its hardware's
   * {@code pricing.cents_per_minute} from {@code GET /hardware} x 60 / 100 x its {@code
   * autoscaling.min_replicas}, so a lower bound); filled by listings (which read the price list
   * once), empty after a single read and wherever not known.
   */
  public Optional<BigDecimal> usdPerHour() {
    return Optional.ofNullable(usdPerHour);
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
        && Objects.equals(requestId, that.requestId)
        && Objects.equals(spentUsd, that.spentUsd)
        && Objects.equals(usdPerHour, that.usdPerHour);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        jobId, state, providerStatus, job, createdAt, requestId, spentUsd, usdPerHour);
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
        + (spentUsd == null ? "" : ", spentUsd=" + spentUsd.toPlainString())
        + (usdPerHour == null ? "" : ", usdPerHour=" + usdPerHour.toPlainString())
        + "}";
  }
}
