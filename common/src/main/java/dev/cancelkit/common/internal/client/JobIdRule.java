package dev.cancelkit.common.internal.client;

import dev.cancelkit.common.internal.text.SafeText;

/**
 * Which job ids a provider accepts. Every id must be non-blank, must not be {@code .} or {@code
 * ..}, must not hold {@code [redacted]} (put where an answer echoed the key), and is at most {@link
 * ProviderSpec#maxJobIdLength()} characters long. Anything else is sent, percent-encoded as one
 * path segment.
 */
public final class JobIdRule {
  private final String provider;
  private final int maxLength;

  JobIdRule(String provider, int maxLength) {
    this.provider = provider;
    this.maxLength = maxLength;
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
          "The " + provider + " job id must not be blank: '" + quoted(jobId) + "'");
    }
    if (jobId.equals(".") || jobId.equals("..")) {
      throw new IllegalArgumentException(
          "'" + jobId + "' is not a job id: it would change the request path");
    }
    if (jobId.contains(Endpoint.REDACTED)) {
      throw new IllegalArgumentException(
          "'"
              + quoted(jobId)
              + "' is not a job id: cancelkit wrote "
              + Endpoint.REDACTED
              + " where a provider's answer echoed the API key");
    }
    int length = jobId.codePointCount(0, jobId.length());
    if (length > maxLength) {
      throw new IllegalArgumentException(
          provider
              + " job ids are 1-"
              + maxLength
              + " characters; '"
              + quoted(jobId)
              + "' has "
              + length);
    }
  }

  /** The longest id this rule accepts, in characters. */
  public int maxLength() {
    return maxLength;
  }

  private static String quoted(String jobId) {
    return SafeText.escape(SafeText.cut(jobId));
  }
}
