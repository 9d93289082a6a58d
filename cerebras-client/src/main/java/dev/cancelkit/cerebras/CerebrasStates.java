package dev.cancelkit.cerebras;

import static dev.cancelkit.common.JobState.ACTIVE;
import static dev.cancelkit.common.JobState.CANCELLED;
import static dev.cancelkit.common.JobState.CANCELLING;
import static dev.cancelkit.common.JobState.FINISHED;

import dev.cancelkit.common.internal.job.StatusTable;

/** What each Cerebras status means for a cancel and for a read. */
final class CerebrasStates {
  static final StatusTable BATCH =
      StatusTable.builder("CerebrasStates.BATCH")
          .cancelled("cancelled")
          .cancelling("cancelling", "validating", "queued", "in_progress", "finalizing")
          .notCancellable("completed", "failed", "expired")
          .read(ACTIVE, "validating", "queued", "in_progress", "finalizing")
          .read(CANCELLING, "cancelling")
          .read(CANCELLED, "cancelled")
          .read(FINISHED, "completed", "failed", "expired")
          .build();

  private CerebrasStates() {}
}
