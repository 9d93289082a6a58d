package dev.cancelkit.testkit;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Faults a {@link Sandbox} injects: every n-th request answered with an error status instead (a 429
 * carries {@code Retry-After: 1} and {@code retry-after-ms: 200}). Off until set. Thread-safe.
 */
public final class SandboxFaults {
  private final AtomicLong requests = new AtomicLong();
  private volatile int every;
  private volatile int status;

  SandboxFaults() {}

  /**
   * Answers every {@code n}-th request with {@code status} (such as 429 or 503) instead of serving
   * it.
   *
   * @throws IllegalArgumentException unless n &gt;= 1 and status is 400-599
   */
  public SandboxFaults everyNth(int n, int status) {
    if (n < 1 || status < 400 || status > 599) {
      throw new IllegalArgumentException(
          "every " + n + "-th request with HTTP " + status + ": n >= 1, 400-599");
    }
    this.status = status;
    this.every = n;
    return this;
  }

  /** No more faults. */
  public SandboxFaults none() {
    every = 0;
    return this;
  }

  /** The status to answer this request with, or 0 to serve it. */
  int next() {
    int n = every;
    return n > 0 && requests.incrementAndGet() % n == 0 ? status : 0;
  }
}
