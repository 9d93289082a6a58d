package dev.cancelkit.common.internal;

/**
 * Which job ids a provider accepts. Every id must be non-blank and must not be {@code .} or {@code
 * ..}; a provider may also cap the length. Anything else is sent, percent-encoded as one path
 * segment.
 */
public final class JobIdRule {
  private final String provider;
  private final int maxLength;

  private JobIdRule(String provider, int maxLength) {
    this.provider = provider;
    this.maxLength = maxLength;
  }

  /** Any non-blank id other than {@code .} and {@code ..}. */
  public static JobIdRule standard(String provider) {
    return new JobIdRule(provider, Integer.MAX_VALUE);
  }

  /** As {@link #standard}, and at most {@code maxLength} characters. */
  public static JobIdRule maxLength(String provider, int maxLength) {
    return new JobIdRule(provider, maxLength);
  }

  /**
   * Checks one id.
   *
   * @throws IllegalArgumentException naming the id and what is wrong with it
   */
  public void check(String jobId) {
    if (jobId == null) {
      throw new IllegalArgumentException("The " + provider + " job id must not be null");
    }
    if (jobId.isBlank()) {
      throw new IllegalArgumentException(
          "The " + provider + " job id must not be blank: '" + jobId + "'");
    }
    if (jobId.equals(".") || jobId.equals("..")) {
      throw new IllegalArgumentException(
          "'" + jobId + "' is not a job id: it would change the request path");
    }
    int length = jobId.codePointCount(0, jobId.length());
    if (length > maxLength) {
      throw new IllegalArgumentException(
          provider + " job ids are 1-" + maxLength + " characters; '" + jobId + "' has " + length);
    }
  }
}
