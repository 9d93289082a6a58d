package dev.cancelkit.common;

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

  private final int concurrency;
  private final Consumer<CancelOutcome<?>> onProgress;

  private BulkOptions(int concurrency, Consumer<CancelOutcome<?>> onProgress) {
    this.concurrency = concurrency;
    this.onProgress = onProgress;
  }

  /** Concurrency 8, no listener. */
  public static BulkOptions defaults() {
    return new BulkOptions(DEFAULT_CONCURRENCY, NO_LISTENER);
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
    return new BulkOptions(n, onProgress);
  }

  /**
   * Called once per finished id, from any thread, as soon as its outcome is known. A listener that
   * throws does not stop the run. Never called after {@code cancelAll} has returned or thrown.
   */
  public BulkOptions onProgress(Consumer<CancelOutcome<?>> listener) {
    return new BulkOptions(concurrency, Objects.requireNonNull(listener, "listener"));
  }

  /** How many calls may be in flight at once. */
  public int concurrency() {
    return concurrency;
  }

  /** The progress listener; a no-op unless one was set. */
  public Consumer<CancelOutcome<?>> progressListener() {
    return onProgress;
  }

  @Override
  public String toString() {
    return "BulkOptions{concurrency=" + concurrency + "}";
  }
}
