package dev.cancelkit.common.internal.attempt;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which failures are sent again, and how long to wait first. A cancel is idempotent, so transport
 * failures and the statuses 408, 429, 500, 502, 503 and 504 are retried; no other status, and never
 * 409. The wait is exponential with jitter (about 0.5 s, doubling, at most 8 s), or the provider's
 * {@code Retry-After} when that is longer; a {@code Retry-After} over 60 s is not waited for.
 */
public final class RetryPolicy {
  static final Duration INITIAL_BACKOFF = Duration.ofMillis(500);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(8);
  public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

  /** The header that carries each attempt's number, from 1. */
  static final String ATTEMPT_HEADER = "X-Cancelkit-Attempt";

  private final int maxRetries;

  RetryPolicy(int maxRetries) {
    this.maxRetries = maxRetries;
  }

  static boolean retryableStatus(int code) {
    return code == 408 || code == 429 || code == 500 || code == 502 || code == 503 || code == 504;
  }

  /**
   * The wait before the attempt after {@code attempt}, or null to stop: retries are used up, or the
   * provider asked for a wait longer than {@link #MAX_RETRY_AFTER}.
   *
   * @param retryAfter the provider's {@code Retry-After}, or null
   */
  Duration nextDelay(int attempt, Duration retryAfter) {
    if (attempt > maxRetries) {
      return null;
    }
    if (retryAfter != null && retryAfter.compareTo(MAX_RETRY_AFTER) > 0) {
      return null;
    }
    Duration backoff = backoff(attempt);
    return retryAfter != null && retryAfter.compareTo(backoff) > 0 ? retryAfter : backoff;
  }

  /** 0.5 s doubling per attempt, at most 8 s, less up to a quarter of jitter. */
  static Duration backoff(int attempt) {
    long base =
        Math.min(INITIAL_BACKOFF.toMillis() << Math.min(attempt - 1, 20), MAX_BACKOFF.toMillis());
    double jitter = 1.0 - 0.25 * ThreadLocalRandom.current().nextDouble();
    return Duration.ofMillis((long) (base * jitter));
  }
}
