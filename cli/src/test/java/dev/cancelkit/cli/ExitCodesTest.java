package dev.cancelkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cancelkit.common.ApiStatusException;
import dev.cancelkit.common.CancelOutcome;
import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.CancelState;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExitCodesTest {
  private static CancelOutcome<Object> result(String id, CancelState state) {
    return CancelOutcome.of(new CancelResult<>(id, state, "x", null, 200, null));
  }

  private static CancelOutcome<Object> error(String id, int status) {
    return CancelOutcome.failed(
        id,
        ApiStatusException.of(
            new ApiStatusException.Details(
                "p", status, "m", null, null, null, null, "", null, 1, null)));
  }

  @Test
  void oneResultByState() {
    assertEquals(0, ExitCodes.of(result("a", CancelState.CANCELLED).result().orElseThrow()));
    assertEquals(0, ExitCodes.of(result("a", CancelState.CANCELLING).result().orElseThrow()));
    assertEquals(3, ExitCodes.of(result("a", CancelState.NOT_CANCELLABLE).result().orElseThrow()));
    assertEquals(1, ExitCodes.of(result("a", CancelState.UNKNOWN).result().orElseThrow()));
  }

  @Test
  void manyOutcomesTakeTheWorst() {
    assertEquals(
        0,
        ExitCodes.of(
            List.of(result("a", CancelState.CANCELLED), result("b", CancelState.CANCELLING))));
    assertEquals(
        3,
        ExitCodes.of(
            List.of(result("a", CancelState.CANCELLED), result("b", CancelState.NOT_CANCELLABLE))));
    assertEquals(
        4, ExitCodes.of(List.of(result("a", CancelState.NOT_CANCELLABLE), error("b", 404))));
    assertEquals(
        1,
        ExitCodes.of(
            List.of(error("a", 404), error("b", 500), result("c", CancelState.CANCELLED))));
  }
}
