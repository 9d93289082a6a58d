package dev.cancelkit.archetype;

import dev.cancelkit.common.internal.StatusTable;

/** What each Archetype status means for a cancel and for a stop. */
final class ArchetypeStates {
  static final StatusTable CANCEL =
      StatusTable.builder()
          .cancelled("CANCELLED")
          .cancelling("REGISTERED", "STARTING", "RUNNING", "FINALIZING", "STOPPING")
          .notCancellable("COMPLETED", "FAILED", "STOPPED")
          .build();

  /** A stop ends in STOPPED; a job already cancelled cannot be stopped. */
  static final StatusTable STOP =
      StatusTable.builder()
          .cancelled("STOPPED")
          .cancelling("STOPPING", "REGISTERED", "STARTING", "RUNNING", "FINALIZING")
          .notCancellable("COMPLETED", "FAILED", "CANCELLED")
          .build();

  private ArchetypeStates() {}
}
