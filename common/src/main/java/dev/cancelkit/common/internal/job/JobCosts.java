package dev.cancelkit.common.internal.job;

import java.math.BigDecimal;

/**
 * What a kind of job costs, where its provider says: from the job's own record ({@link #spentUsd}),
 * or from the record and a price list read once per listing or read ({@link #prices}, {@link
 * #usdPerHour}). Every method may return null for "not said"; a price list that cannot be read
 * leaves the figures empty and fails nothing.
 *
 * @param <R> the job's model
 * @param <P> the price list
 */
public interface JobCosts<R, P> {
  /** Reads the price list (an HTTP call of the client's); null if this kind needs none. */
  default P prices() {
    return null;
  }

  /** What the job has cost so far, in US dollars. */
  default BigDecimal spentUsd(R job) {
    return null;
  }

  /** What the job costs per hour while it runs, in US dollars, given the price list. */
  default BigDecimal usdPerHour(R job, P prices) {
    return null;
  }
}
