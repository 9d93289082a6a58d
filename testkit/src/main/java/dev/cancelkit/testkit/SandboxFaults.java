package dev.cancelkit.testkit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Faults a {@link Sandbox} injects: every n-th request answered with an error status instead (a 429
 * carries {@code Retry-After: 1} and {@code retry-after-ms: 200}), and a latency added to every
 * answer. Off until set. Thread-safe.
 */
public final class SandboxFaults {
  private final AtomicLong requests = new AtomicLong();
  private volatile int every;
  private volatile int status;
  private volatile Duration latency = Duration.ZERO;

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

  /**
   * Answers every request {@code latency} after it came (each on its own thread, so answers overlap
   * as a provider's do).
   *
   * @throws IllegalArgumentException if negative or over a minute
   */
  public SandboxFaults latency(Duration latency) {
    if (latency.isNegative() || latency.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException("latency must be 0 to 1 minute: " + latency);
    }
    this.latency = latency;
    return this;
  }

  /** No more faults, no latency. */
  public SandboxFaults none() {
    every = 0;
    latency = Duration.ZERO;
    return this;
  }

  /** Waits out the latency set, if any. */
  void delay() {
    Duration d = latency;
    if (!d.isZero()) {
      try {
        Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The status to answer this request with, or 0 to serve it. */
  int next() {
    int n = every;
    return n > 0 && requests.incrementAndGet() % n == 0 ? status : 0;
  }
}
