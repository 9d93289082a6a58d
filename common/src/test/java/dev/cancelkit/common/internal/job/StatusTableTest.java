package dev.cancelkit.common.internal.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cancelkit.common.CancelState;
import dev.cancelkit.common.JobState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A provider's status table: both meanings of each status, and the check against its spec. */
class StatusTableTest {
  private static final StatusTable TABLE =
      StatusTable.builder("AcmeStates.JOB")
          .cancelled("CANCELLED")
          .cancelling("RUNNING", "STOPPING")
          .notCancellable("DONE")
          .read(JobState.ACTIVE, "RUNNING")
          .read(JobState.CANCELLING, "STOPPING")
          .read(JobState.CANCELLED, "CANCELLED")
          .read(JobState.FINISHED, "DONE")
          .unknown("UNKNOWN")
          .build();

  @Test
  void eachStatusHasACancelAndAReadMeaningComparedCaseInsensitively() {
    assertEquals(CancelState.CANCELLING, TABLE.stateOf("running"));
    assertEquals(JobState.ACTIVE, TABLE.readStateOf("Running"));
    assertEquals(JobState.CANCELLING, TABLE.readStateOf("STOPPING"));
    assertEquals(CancelState.UNKNOWN, TABLE.stateOf("UNKNOWN"));
    assertEquals(JobState.UNKNOWN, TABLE.readStateOf("PAUSED"));
    assertEquals(JobState.UNKNOWN, TABLE.readStateOf(null));
    assertEquals(List.of("RUNNING"), TABLE.readStatuses(JobState.ACTIVE));
  }

  @Test
  void aSpecStatusTheTableDoesNotMapNamesTheStatusTheSpecAndTheTable() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                TABLE.requireCovers(List.of("RUNNING", "PAUSED", "DONE"), "specs/acme/jobs.yaml"));

    assertEquals(
        "specs/acme/jobs.yaml lists the status PAUSED, which AcmeStates.JOB does not map: give it a"
            + " cancel state and a read state there (or declare it unknown), then rebuild",
        e.getMessage());
  }

  @Test
  void aStatusWithOnlyOneMeaningIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> StatusTable.builder("T").cancelled("X").read(JobState.CANCELLED, "Y").build());

    assertEquals(
        "T gives these statuses a cancel or a read meaning, not both: [x, y]", e.getMessage());
  }
}
