package dev.cancelkit.together;

import dev.cancelkit.common.internal.StatusTable;

/** What each Together status means for a cancel. */
final class TogetherStates {
  static final StatusTable QUEUE =
      StatusTable.builder()
          .cancelled("canceled")
          .notCancellable("running", "done", "failed")
          .running("running")
          .build();

  static final StatusTable BATCH =
      StatusTable.builder()
          .cancelled("CANCELLED")
          .cancelling("VALIDATING", "IN_PROGRESS")
          .notCancellable("COMPLETED", "FAILED", "EXPIRED")
          .build();

  static final StatusTable FINE_TUNE =
      StatusTable.builder()
          .cancelled("cancelled")
          .cancelling(
              "cancel_requested", "pending", "queued", "running", "compressing", "uploading")
          .notCancellable("completed", "error")
          .build();

  private TogetherStates() {}
}
