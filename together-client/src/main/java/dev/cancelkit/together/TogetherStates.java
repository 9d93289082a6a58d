package dev.cancelkit.together;

import static dev.cancelkit.common.JobState.ACTIVE;
import static dev.cancelkit.common.JobState.CANCELLED;
import static dev.cancelkit.common.JobState.CANCELLING;
import static dev.cancelkit.common.JobState.FINISHED;

import dev.cancelkit.common.internal.job.StatusTable;

/**
 * What each Together status means for a cancel and for a read. Besides the statuses of Together's
 * OpenAPI document, those its own SDK knows: batch {@code CANCELING}, fine-tune {@code user_error},
 * queue {@code pending}.
 */
final class TogetherStates {
  static final StatusTable QUEUE =
      StatusTable.builder("TogetherStates.QUEUE")
          .cancelled("canceled")
          .cancelling("pending")
          .notCancellable("running", "done", "failed")
          .read(ACTIVE, "pending", "running")
          .read(CANCELLED, "canceled")
          .read(FINISHED, "done", "failed")
          .build();

  static final StatusTable BATCH =
      StatusTable.builder("TogetherStates.BATCH")
          .cancelled("CANCELLED")
          .cancelling("VALIDATING", "IN_PROGRESS", "CANCELLING", "CANCELING")
          .notCancellable("COMPLETED", "FAILED", "EXPIRED")
          .read(ACTIVE, "VALIDATING", "IN_PROGRESS")
          .read(CANCELLING, "CANCELLING", "CANCELING")
          .read(CANCELLED, "CANCELLED")
          .read(FINISHED, "COMPLETED", "FAILED", "EXPIRED")
          .build();

  static final StatusTable FINE_TUNE =
      StatusTable.builder("TogetherStates.FINE_TUNE")
          .cancelled("cancelled")
          .cancelling(
              "cancel_requested", "pending", "queued", "running", "compressing", "uploading")
          .notCancellable("completed", "error", "user_error")
          .read(ACTIVE, "pending", "queued", "running", "compressing", "uploading")
          .read(CANCELLING, "cancel_requested")
          .read(CANCELLED, "cancelled")
          .read(FINISHED, "completed", "error", "user_error")
          .build();

  /**
   * A dedicated endpoint: "cancel" is a stop ({@code PATCH {"state": "STOPPED"}}), which can be
   * undone by starting it again.
   */
  static final StatusTable ENDPOINT =
      StatusTable.builder("TogetherStates.ENDPOINT")
          .cancelled("STOPPED")
          .cancelling("PENDING", "STARTING", "STARTED", "STOPPING")
          .notCancellable("ERROR")
          .read(ACTIVE, "PENDING", "STARTING", "STARTED")
          .read(CANCELLING, "STOPPING")
          .read(CANCELLED, "STOPPED")
          .read(FINISHED, "ERROR")
          .build();

  /** An RL training session: "cancel" is a stop ({@code POST .../stop}). */
  static final StatusTable TRAINING_SESSION =
      StatusTable.builder("TogetherStates.TRAINING_SESSION")
          .cancelled("TRAINING_SESSION_STATUS_STOPPED")
          .cancelling(
              "TRAINING_SESSION_STATUS_CREATING",
              "TRAINING_SESSION_STATUS_RUNNING",
              "TRAINING_SESSION_STATUS_STOPPING")
          .notCancellable("TRAINING_SESSION_STATUS_ERROR", "TRAINING_SESSION_STATUS_EXPIRED")
          .unknown("TRAINING_SESSION_STATUS_UNSPECIFIED")
          .read(ACTIVE, "TRAINING_SESSION_STATUS_CREATING", "TRAINING_SESSION_STATUS_RUNNING")
          .read(CANCELLING, "TRAINING_SESSION_STATUS_STOPPING")
          .read(CANCELLED, "TRAINING_SESSION_STATUS_STOPPED")
          .read(FINISHED, "TRAINING_SESSION_STATUS_ERROR", "TRAINING_SESSION_STATUS_EXPIRED")
          .build();

  private TogetherStates() {}
}
