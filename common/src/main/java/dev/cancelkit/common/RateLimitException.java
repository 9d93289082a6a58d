package dev.cancelkit.common;

import java.time.Duration;
import java.util.Optional;

/**
 * HTTP 429: too many requests. {@link #retryAfter()} says how long the provider asked to wait, if
 * it did.
 */
public final class RateLimitException extends ApiStatusException {
  private static final long serialVersionUID = 1L;

  RateLimitException(Details details) {
    super(details);
  }

  /** The wait the provider asked for in {@code Retry-After} or {@code retry-after-ms}, if any. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(details().retryAfter());
  }
}
