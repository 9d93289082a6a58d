package dev.cancelkit.common;

/**
 * What a read says of a job, normalised from the provider's status. A read never says CANCELLING
 * for a job nobody asked to stop.
 */
public enum JobState {
  /** Waiting or running: it can be cancelled. */
  ACTIVE,
  /** Someone asked it to stop, and it is winding down. */
  CANCELLING,
  /** Cancelled (or stopped): it ran no further. */
  CANCELLED,
  /** It ended by itself: completed, failed or expired. */
  FINISHED,
  /** A status the provider never documented; {@link JobStatus#providerStatus()} keeps its text. */
  UNKNOWN;

  /** Whether the job still runs or winds down: ACTIVE or CANCELLING. */
  public boolean isLive() {
    return this == ACTIVE || this == CANCELLING;
  }
}
