package dev.cancelkit.cerebras;

import dev.cancelkit.common.internal.StatusTable;

/** What each Cerebras status means for a cancel. */
final class CerebrasStates {
  static final StatusTable BATCH =
      StatusTable.builder()
          .cancelled("cancelled")
          .cancelling("cancelling", "validating", "queued", "in_progress", "finalizing")
          .notCancellable("completed", "failed", "expired")
          .build();

  private CerebrasStates() {}
}
