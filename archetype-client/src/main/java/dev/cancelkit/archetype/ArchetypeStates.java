package dev.cancelkit.archetype;

import static dev.cancelkit.common.JobState.ACTIVE;
import static dev.cancelkit.common.JobState.CANCELLED;
import static dev.cancelkit.common.JobState.CANCELLING;
import static dev.cancelkit.common.JobState.FINISHED;

import dev.cancelkit.common.internal.job.StatusTable;

/**
 * What each Archetype status means for a cancel, for a stop, and for a read. Archetype's own {@code
 * UNKNOWN} status means nothing on purpose.
 */
final class ArchetypeStates {
  static final StatusTable CANCEL =
      StatusTable.builder("ArchetypeStates.CANCEL")
          .cancelled("CANCELLED")
          .cancelling("REGISTERED", "STARTING", "RUNNING", "FINALIZING", "STOPPING")
          .notCancellable("COMPLETED", "FAILED", "STOPPED")
          .read(ACTIVE, "REGISTERED", "STARTING", "RUNNING", "FINALIZING")
          .read(CANCELLING, "STOPPING")
          .read(CANCELLED, "CANCELLED", "STOPPED")
          .read(FINISHED, "COMPLETED", "FAILED")
          .unknown("UNKNOWN")
          .build();

  /** A stop ends in STOPPED; a job already cancelled cannot be stopped. */
  static final StatusTable STOP =
      StatusTable.builder("ArchetypeStates.STOP")
          .cancelled("STOPPED")
          .cancelling("STOPPING", "REGISTERED", "STARTING", "RUNNING", "FINALIZING")
          .notCancellable("COMPLETED", "FAILED", "CANCELLED")
          .unknown("UNKNOWN")
          .readsOf(CANCEL)
          .build();

  /**
   * A Batch Processing job. ADMITTED is in neither revision of the Cancel Job page's list of what
   * can be cancelled: a cancel of one is what the answer says (CANCELLING until it says more).
   */
  static final StatusTable BATCH =
      StatusTable.builder("ArchetypeStates.BATCH")
          .cancelled("CANCELLED")
          .cancelling("PENDING", "ADMITTED", "RUNNING", "PREEMPTED")
          .notCancellable("COMPLETED", "FAILED")
          .read(ACTIVE, "PENDING", "ADMITTED", "RUNNING", "PREEMPTED")
          .read(CANCELLED, "CANCELLED")
          .read(FINISHED, "COMPLETED", "FAILED")
          .build();

  private ArchetypeStates() {}
}
