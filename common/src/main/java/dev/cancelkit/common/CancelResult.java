package dev.cancelkit.common;

/**
 * What a provider answered to a cancel: the normalised state, the status text as sent, and the
 * parsed body.
 *
 * @param <R> the generated model of the provider's answer
 */
public final class CancelResult<R> extends JobAnswer<CancelState, R> {
  private final int httpStatus;

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
    super(jobId, state, providerStatus, response, requestId);
    this.httpStatus = httpStatus;
  }

  /** The job's state, normalised from {@link #providerStatus()}. */
  public CancelState state() {
    return normalisedState();
  }

  /** The generated model the provider returned. */
  public R response() {
    return body();
  }

  /**
   * The HTTP status of the answer: 200, or 409 for Together's queue when the job was no longer
   * pending.
   */
  public int httpStatus() {
    return httpStatus;
  }

  @Override
  Object[] ownFields() {
    return new Object[] {httpStatus};
  }

  @Override
  void describeOwnFields(StringBuilder text) {
    text.append(", httpStatus=").append(httpStatus);
  }
}
