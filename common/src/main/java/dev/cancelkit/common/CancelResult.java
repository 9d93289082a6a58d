package dev.cancelkit.common;

import dev.cancelkit.common.internal.text.SafeText;
import java.util.Objects;
import java.util.Optional;

/**
 * What a provider answered to a cancel: the normalised state, the status text as sent, and the
 * parsed body.
 *
 * @param <R> the generated model of the provider's answer
 */
public final class CancelResult<R> {
  private final String jobId;
  private final CancelState state;
  private final String providerStatus;
  private final R response;
  private final int httpStatus;
  private final String requestId;

  /**
   * Creates a result. The library builds these; the constructor is public so that tests can build
   * them too.
   *
   * @param requestId the provider's request id, or null when it sent none
   */
  public CancelResult(
      String jobId,
      CancelState state,
      String providerStatus,
      R response,
      int httpStatus,
      String requestId) {
    this.jobId = Objects.requireNonNull(jobId, "jobId");
    this.state = Objects.requireNonNull(state, "state");
    this.providerStatus = providerStatus;
    this.response = response;
    this.httpStatus = httpStatus;
    this.requestId = requestId;
  }

  /** The id that was cancelled. */
  public String jobId() {
    return jobId;
  }

  /** The job's state, normalised from {@link #providerStatus()}. */
  public CancelState state() {
    return state;
  }

  /**
   * The status string exactly as the provider sent it (control characters included: escape it
   * before printing it to a terminal), except that the API key, should a server echo it, is
   * redacted.
   */
  public String providerStatus() {
    return providerStatus;
  }

  /** The generated model the provider returned. */
  public R response() {
    return response;
  }

  /**
   * The HTTP status of the answer: 200, or 409 for Together's queue when the job was no longer
   * pending.
   */
  public int httpStatus() {
    return httpStatus;
  }

  /**
   * The provider's id for this request, from the {@code x-request-id} (or {@code request-id})
   * header.
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof CancelResult)) {
      return false;
    }
    CancelResult<?> that = (CancelResult<?>) o;
    return httpStatus == that.httpStatus
        && jobId.equals(that.jobId)
        && state == that.state
        && Objects.equals(providerStatus, that.providerStatus)
        && Objects.equals(response, that.response)
        && Objects.equals(requestId, that.requestId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(jobId, state, providerStatus, response, httpStatus, requestId);
  }

  @Override
  public String toString() {
    return "CancelResult{jobId="
        + jobId
        + ", state="
        + state
        + ", providerStatus="
        + SafeText.escape(providerStatus)
        + ", httpStatus="
        + httpStatus
        + (requestId == null ? "" : ", requestId=" + SafeText.escape(requestId))
        + "}";
  }
}
