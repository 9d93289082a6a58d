package dev.cancelkit.common;

/** A job's state after a cancel attempt, normalised across providers. */
public enum CancelState {
  /** The job is cancelled; nothing more will run. */
  CANCELLED,
  /**
   * The provider accepted the cancel and is winding the job down, or the job has not reached a
   * final state yet.
   */
  CANCELLING,
  /**
   * The job had already finished (completed, failed, expired...) or is running and cannot be
   * stopped.
   */
  NOT_CANCELLABLE,
  /**
   * The provider sent a status that nobody documented; {@link CancelResult#providerStatus()} has
   * its text.
   */
  UNKNOWN
}
