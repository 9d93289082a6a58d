package dev.cancelkit.common;

import dev.cancelkit.common.internal.text.SafeText;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * What a provider said about one job: the part a cancel's {@link CancelResult} and a read's {@link
 * JobStatus} share (id, normalised state, status text as sent, parsed body, request id), with the
 * value-class code written once. Package-private: users see only the two public final classes,
 * which inherit these accessors as their own.
 *
 * @param <S> the normalised state type ({@link CancelState} or {@link JobState})
 * @param <R> the generated model of the provider's answer
 */
abstract class JobAnswer<S extends Enum<S>, R> {
  private final String jobId;
  private final S state;
  private final String providerStatus;
  private final R body;
  private final String requestId;

  JobAnswer(String jobId, S state, String providerStatus, R body, String requestId) {
    this.jobId = Objects.requireNonNull(jobId, "jobId");
    this.state = Objects.requireNonNull(state, "state");
    this.providerStatus = providerStatus;
    this.body = body;
    this.requestId = requestId;
  }

  /** The job's id. */
  public String jobId() {
    return jobId;
  }

  /**
   * The normalised state; each subclass publishes it as {@code state()} with its own type, so that
   * the public signature (and reflection, and code compiled against it) sees that type, not its
   * erasure.
   */
  final S normalisedState() {
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

  /**
   * The provider's id of the answer this came from, from the {@code x-request-id} (or {@code
   * request-id}) header.
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  final R body() {
    return body;
  }

  /** The fields a subclass adds, in a fixed order, for equals and hashCode. */
  abstract Object[] ownFields();

  /** Appends the fields a subclass adds, each as {@code ", name=value"}, escaped where text. */
  abstract void describeOwnFields(StringBuilder text);

  @Override
  public final boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || o.getClass() != getClass()) {
      return false;
    }
    JobAnswer<?, ?> that = (JobAnswer<?, ?>) o;
    return jobId.equals(that.jobId)
        && state == that.state
        && Objects.equals(providerStatus, that.providerStatus)
        && Objects.equals(body, that.body)
        && Objects.equals(requestId, that.requestId)
        && Arrays.equals(ownFields(), that.ownFields());
  }

  @Override
  public final int hashCode() {
    return 31 * Objects.hash(jobId, state, providerStatus, body, requestId)
        + Arrays.hashCode(ownFields());
  }

  /** The id, state, status and request id escaped, so that printing one never moves a cursor. */
  @Override
  public final String toString() {
    StringBuilder text =
        new StringBuilder(getClass().getSimpleName())
            .append("{jobId=")
            .append(SafeText.escape(jobId))
            .append(", state=")
            .append(state)
            .append(", providerStatus=")
            .append(SafeText.escape(providerStatus));
    describeOwnFields(text);
    if (requestId != null) {
      text.append(", requestId=").append(SafeText.escape(requestId));
    }
    return text.append('}').toString();
  }
}
