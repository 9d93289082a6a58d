package dev.cancelkit.common.internal;

import dev.cancelkit.common.BulkOptions;
import dev.cancelkit.common.CancelOutcome;
import java.util.Collection;
import java.util.List;

/**
 * What a kind of job says about itself to the kill switch: whose it is and what it is called, and
 * (Archetype's fine-tune jobs) how its jobs stop gracefully.
 */
public interface JobKind {
  /** {@code together}, {@code cerebras} or {@code archetype}. */
  String provider();

  /** {@code batch} or {@code fine-tune}. */
  String kind();

  /** A kind of job whose jobs can also be stopped gracefully (keeping their last checkpoint). */
  interface Stoppable<R> extends JobKind {
    /** Stops many jobs, with the rules of {@code cancelAll}. */
    List<CancelOutcome<R>> stopAll(Collection<String> jobIds, BulkOptions options);
  }
}
