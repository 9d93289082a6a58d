package dev.cancelkit.common;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How {@link Cancellable#cancelAll} runs: how many calls at once, and who hears of each finished
 * id. Immutable; each method returns a new instance.
 */
public final class BulkOptions {
  /** The default number of calls in flight. */
  public static final int DEFAULT_CONCURRENCY = 8;

  /** The most calls in flight one bulk run may ask for. */
  public static final int MAX_CONCURRENCY = 256;

  private static final Consumer<CancelOutcome<?>> NO_LISTENER = outcome -> {};

  /** The longest {@link #interruptGrace} one bulk run may ask for. */
  public static final Duration MAX_INTERRUPT_GRACE = Duration.ofMinutes(1);

  private final int concurrency;
  private final Consumer<CancelOutcome<?>> onProgress;
  private final Duration interruptGrace;

  private BulkOptions(
      int concurrency, Consumer<CancelOutcome<?>> onProgress, Duration interruptGrace) {
    this.concurrency = concurrency;
    this.onProgress = onProgress;
    this.interruptGrace = interruptGrace;
  }

  /** Concurrency 8, no listener, calls in flight aborted at once on an interrupt. */
  public static BulkOptions defaults() {
    return new BulkOptions(DEFAULT_CONCURRENCY, NO_LISTENER, Duration.ZERO);
  }

  /**
   * At most {@code n} calls in flight.
   *
   * @throws IllegalArgumentException unless 1 &lt;= n &lt;= 256
   */
  public BulkOptions concurrency(int n) {
    if (n < 1 || n > MAX_CONCURRENCY) {
      throw new IllegalArgumentException("concurrency must be 1-" + MAX_CONCURRENCY + ": " + n);
    }
    return new BulkOptions(n, onProgress, interruptGrace);
  }

  /**
   * Called once per finished id, from any thread, as soon as its outcome is known. A listener that
   * throws does not stop the run. Never called after {@code cancelAll} has returned or thrown.
   */
  public BulkOptions onProgress(Consumer<CancelOutcome<?>> listener) {
    return new BulkOptions(
        concurrency, Objects.requireNonNull(listener, "listener"), interruptGrace);
  }

  /**
   * How long the calls in flight may still answer after the calling thread is interrupted: no new
   * request starts at once, the answers that come within {@code grace} become outcomes, and only
   * then are the remaining calls aborted (their ids {@code unknown}, or {@code unsent} if never
   * sent). A second interrupt ends the grace. Default zero: aborted at once.
   *
   * @throws IllegalArgumentException if negative or longer than one minute
   */
  public BulkOptions interruptGrace(Duration grace) {
    Objects.requireNonNull(grace, "grace");
    if (grace.isNegative() || grace.compareTo(MAX_INTERRUPT_GRACE) > 0) {
      throw new IllegalArgumentException("interruptGrace must be 0-60 s: " + grace);
    }
    return new BulkOptions(concurrency, onProgress, grace);
  }

  /** How many calls may be in flight at once. */
  public int concurrency() {
    return concurrency;
  }

  /** How long calls in flight may still answer after an interrupt; zero unless one was set. */
  public Duration interruptGrace() {
    return interruptGrace;
  }

  /** The progress listener; a no-op unless one was set. */
  public Consumer<CancelOutcome<?>> progressListener() {
    return onProgress;
  }

  @Override
  public String toString() {
    return "BulkOptions{concurrency=" + concurrency + ", interruptGrace=" + interruptGrace + "}";
  }
}
