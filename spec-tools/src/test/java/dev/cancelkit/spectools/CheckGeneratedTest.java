package dev.cancelkit.spectools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckGeneratedTest {
  @TempDir Path dir;

  private void check(String generated) throws Exception {
    Files.writeString(dir.resolve("operations.txt"), "POST /queue/cancel cancelQueueJob\n");
    Files.createDirectories(dir.resolve("api"));
    Files.writeString(dir.resolve("api").resolve("QueueApi.java"), generated);
    Main.checkGenerated(
        Map.of(
            "operations", dir.resolve("operations.txt").toString(),
            "api", dir.resolve("api").toString()));
  }

  @Test
  void theMethodTheClientCallsIsThere() throws Exception {
    check("  @POST(\"queue/cancel\")\n  Call<QueueCancelResponse> cancelQueueJob(\n");
  }

  @Test
  void aRenamedMethodIsNamedWithWhatItIsNow() {
    SpecException e =
        assertThrows(
            SpecException.class,
            () ->
                check("  @POST(\"queue/cancel\")\n  Call<QueueCancelResponse> queueCancelPost(\n"));

    assertEquals(
        "POST /queue/cancel no longer generates the method cancelQueueJob(...) that the client calls"
            + " (it generates queueCancelPost now): its operationId (or tag) changed. Call the new"
            + " method in the client and name it in "
            + Main.shown(dir.resolve("operations.txt").toString())
            + ", or keep the old name with an overlay action that sets the operationId",
        e.getMessage());
  }

  @Test
  void aMissingOperationIsNamed() {
    SpecException e = assertThrows(SpecException.class, () -> check("interface QueueApi {}\n"));

    assertEquals(
        "no generated interface has @POST(\"queue/cancel\") for POST /queue/cancel",
        e.getMessage());
  }
}
