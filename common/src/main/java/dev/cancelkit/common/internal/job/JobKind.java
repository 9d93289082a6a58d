package dev.cancelkit.common.internal.job;

import dev.cancelkit.common.BulkOptions;
import dev.cancelkit.common.CancelOutcome;
import dev.cancelkit.common.internal.client.Origin;
import dev.cancelkit.common.internal.runtime.ClientRuntime;
import java.util.Collection;
import java.util.List;

/**
 * What a kind of job says about itself to the kill switch and the command line: whose it is, what
 * it is called, which ids it takes, and (Archetype's fine-tune jobs) how its jobs stop gracefully.
 */
public interface JobKind {
  /** {@code together}, {@code cerebras} or {@code archetype}. */
  String provider();

  /** {@code batch} or {@code fine-tune}. */
  String kind();

  /**
   * Where this kind's calls go and with which key, for a record such as the CLI's journal: the base
   * URL and a fingerprint of the key ({@link ClientRuntime#origin()}).
   */
  Origin origin();

  /**
   * Checks one id as a call would, sending nothing.
   *
   * @throws IllegalArgumentException naming the id and what is wrong with it
   */
  void checkId(String jobId);

  /** A kind of job whose jobs can also be stopped gracefully (keeping their last checkpoint). */
  interface Stoppable<R> extends JobKind {
    /** Stops many jobs, with the rules of {@code cancelAll}. */
    List<CancelOutcome<R>> stopAll(Collection<String> jobIds, BulkOptions options);
  }
}
