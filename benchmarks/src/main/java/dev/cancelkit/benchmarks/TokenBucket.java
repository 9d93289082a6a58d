package dev.cancelkit.benchmarks;

/**
 * A provider's rate limit as the benchmark server plays it: {@code rate} requests a second with
 * bursts of {@code burst}; a request that finds no token is refused (429).
 */
final class TokenBucket {
  private final double rate;
  private final double burst;
  private double tokens;
  private long last = System.nanoTime();
  private long admitted;
  private long refused;

  TokenBucket(double rate, double burst) {
    this.rate = rate;
    this.burst = burst;
    this.tokens = burst;
  }

  /** Takes a token if there is one; the tokens left after it, or -1 if refused. */
  synchronized double take() {
    refill();
    if (tokens >= 1) {
      tokens -= 1;
      admitted++;
      return tokens;
    }
    refused++;
    return -1;
  }

  /** Seconds until the bucket is full again. */
  synchronized double secondsToFull() {
    refill();
    return (burst - tokens) / rate;
  }

  double rate() {
    return rate;
  }

  /** "admitted refused", and starts counting again with a full bucket. */
  synchronized String statsAndReset() {
    String s = admitted + " " + refused;
    admitted = 0;
    refused = 0;
    tokens = burst;
    last = System.nanoTime();
    return s;
  }

  private void refill() {
    long now = System.nanoTime();
    tokens = Math.min(burst, tokens + (now - last) / 1e9 * rate);
    last = now;
  }
}
