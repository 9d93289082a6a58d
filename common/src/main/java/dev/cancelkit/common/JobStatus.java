package dev.cancelkit.common;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * One job as a read or a list found it: its normalised state, the status text as sent, and the
 * provider's record of the job.
 *
 * @param <R> the generated model the job is read into (the cancel's model type)
 */
public final class JobStatus<R> extends JobAnswer<JobState, R> {
  private final Instant createdAt;
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
    super(jobId, state, providerStatus, job, requestId);
    this.createdAt = createdAt;
    this.spentUsd = spentUsd;
    this.usdPerHour = usdPerHour;
  }

  /** The job's state, normalised from {@link #providerStatus()}. */
  public JobState state() {
    return normalisedState();
  }

  /** The provider's record of the job, read into the cancel's model type. */
  public R job() {
    return body();
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

  @Override
  Object[] ownFields() {
    return new Object[] {createdAt, spentUsd, usdPerHour};
  }

  @Override
  void describeOwnFields(StringBuilder text) {
    if (createdAt != null) {
      text.append(", createdAt=").append(createdAt);
    }
    if (spentUsd != null) {
      text.append(", spentUsd=").append(spentUsd.toPlainString());
    }
    if (usdPerHour != null) {
      text.append(", usdPerHour=").append(usdPerHour.toPlainString());
    }
  }
}
