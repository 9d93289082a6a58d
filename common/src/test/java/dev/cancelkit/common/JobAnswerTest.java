package dev.cancelkit.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The value-class code CancelResult and JobStatus share, through both of them. */
class JobAnswerTest {
  private static final Instant CREATED = Instant.parse("2026-12-04T10:00:00Z");

  private static CancelResult<String> result(String id, int http, String requestId) {
    return new CancelResult<>(id, CancelState.CANCELLED, "cancelled", "body", http, requestId);
  }

  private static JobStatus<String> status(BigDecimal spent) {
    return new JobStatus<>(
        "ft-1", JobState.ACTIVE, "running", "body", CREATED, "req-1", spent, null);
  }

  @Test
  void equalFieldsAreEqualWithEqualHashes() {
    assertEquals(result("b-1", 200, "req-1"), result("b-1", 200, "req-1"));
    assertEquals(result("b-1", 200, "req-1").hashCode(), result("b-1", 200, "req-1").hashCode());
    assertEquals(status(BigDecimal.ONE), status(BigDecimal.ONE));
    assertEquals(status(BigDecimal.ONE).hashCode(), status(BigDecimal.ONE).hashCode());
  }

  @Test
  void aSharedFieldOrAnOwnFieldThatDiffersMakesThemUnequal() {
    CancelResult<String> base = result("b-1", 200, "req-1");
    for (CancelResult<String> other :
        List.of(
            result("b-2", 200, "req-1"),
            result("b-1", 409, "req-1"),
            result("b-1", 200, null),
            new CancelResult<>("b-1", CancelState.CANCELLING, "cancelled", "body", 200, "req-1"),
            new CancelResult<>("b-1", CancelState.CANCELLED, "Cancelled", "body", 200, "req-1"),
            new CancelResult<>("b-1", CancelState.CANCELLED, "cancelled", "other", 200, "req-1"))) {
      assertNotEquals(base, other, other.toString());
    }
    assertNotEquals(status(BigDecimal.ONE), status(BigDecimal.TEN));
    assertNotEquals(status(BigDecimal.ONE), status(null));
  }

  @Test
  void aResultNeverEqualsAStatusWithTheSameSharedFields() {
    Object cancel = new CancelResult<>("j", CancelState.UNKNOWN, "x", null, 0, null);
    Object read = new JobStatus<>("j", JobState.UNKNOWN, "x", null, null, null);
    assertNotEquals(cancel, read);
    assertNotEquals(read, cancel);
  }

  @Test
  void toStringEscapesWhatAProviderSentAndNamesItsClass() {
    CancelResult<String> hostile =
        new CancelResult<>(
            "b-\u001b[2J1", CancelState.UNKNOWN, "ok\r\nFAKE", null, 200, "r\u0007q");
    assertEquals(
        "CancelResult{jobId=b-\\u001b[2J1, state=UNKNOWN, providerStatus=ok\\r\\nFAKE,"
            + " httpStatus=200, requestId=r\\u0007q}",
        hostile.toString());
    assertEquals(
        "JobStatus{jobId=ft-1, state=ACTIVE, providerStatus=running,"
            + " createdAt=2026-12-04T10:00:00Z, spentUsd=0.000000001, requestId=req-1}",
        status(new BigDecimal("1E-9")).toString());
  }

  @Test
  void anIdOrAStateIsRequired() {
    assertThrows(NullPointerException.class, () -> result(null, 200, null));
    assertThrows(
        NullPointerException.class, () -> new JobStatus<>("j", null, "x", null, null, null));
  }
}
