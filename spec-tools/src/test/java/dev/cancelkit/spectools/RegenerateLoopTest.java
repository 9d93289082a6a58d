package dev.cancelkit.spectools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop a user runs, on Together's published documents as they are: accept the February one
 * (27b4d91), drop in the April one (090263a) and rebuild. The report names what changed in the
 * operations TogetherClient calls, and nothing about the hundreds it does not.
 */
class RegenerateLoopTest {
  private static final Path TOGETHER = Path.of("..", "specs", "together");
  private static final Path APRIL = TOGETHER.resolve("openapi.yaml"); // 090263a, as published
  private static final Path FEBRUARY =
      Path.of("src", "test", "resources", "together-openapi-27b4d91.yaml");

  @TempDir Path dir;

  @org.junit.jupiter.api.BeforeEach
  void quiet() {
    Main.log = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
  }

  @org.junit.jupiter.api.AfterEach
  void loud() {
    Main.log = System.out;
  }

  private Main.Prepared prepare(Path document, boolean accept) {
    return prepare(document, accept, TOGETHER.resolve("operations.txt"));
  }

  /**
   * TogetherClient's operations but the session stop, which the February document has at another
   * path ({@code /rl/training-sessions/{id}:stop}): the client as it could have been then.
   */
  private Path withoutTheStop() throws Exception {
    Path ops = dir.resolve("operations.txt");
    Files.write(
        ops,
        Files.readAllLines(TOGETHER.resolve("operations.txt")).stream()
            .filter(l -> !l.contains("/stop "))
            .toList());
    return ops;
  }

  private Main.Prepared prepare(Path document, boolean accept, Path operations) {
    return Main.prepare(
        Map.of(
            "document", document.toString(),
            "overlay", TOGETHER.resolve("overlay.yaml").toString(),
            "operations", operations.toString(),
            "surface", dir.resolve("surface.json").toString(),
            "out", dir.resolve("out").toString(),
            "accept", Boolean.toString(accept)));
  }

  private String report() throws Exception {
    return Files.readString(dir.resolve("out").resolve("changes.md"));
  }

  @Test
  void theAprilDocumentAfterTheFebruaryOneReportsWhatChangedForTheClient() throws Exception {
    Path ops = withoutTheStop();
    prepare(FEBRUARY, true, ops);

    SpecException stop = assertThrows(SpecException.class, () -> prepare(APRIL, false, ops));
    String report = report();

    assertTrue(
        stop.getMessage()
            .contains(
                "changes what the client relies on (3 breaking: QueueCancelResponse.status: its type was string, now string enum; the client reads it"),
        stop.getMessage());
    assertTrue(
        stop.getMessage()
            .endsWith(
                "To take the document anyway, rebuild with -Dcancelkit.spec.accept=true: the build"
                    + " then compiles and tests the client against it, and what fails says what to"
                    + " change; commit the document with its surface.json once the tests pass"),
        stop.getMessage());
    for (String line :
        List.of(
            "- QueueCancelResponse.status: now required",
            "- QueueCancelResponse.status: now an enum of canceled, running, done, failed",
            "- FinetuneResponseTruncated.packing: added (boolean)",
            "- FinetuneResponseTruncated.random_seed: added (integer or null)",
            "- FinetuneResponseTruncated.max_seq_length: added (integer)",
            "- QueueJobStatusResponse.status: now an enum of pending, running, done, failed, canceled",
            "- RL.TrainingSession.session_id: removed (renamed id? a field of the same type was"
                + " added)",
            "- RL.TrainingSession.id: added (string, required)")) {
      assertTrue(report.contains(line + "\n"), line + " in\n" + report);
    }
    // the document changed in dozens of operations the client does not call: none is named
    for (String other : List.of("Execute", "/chat", "Cluster", "Deployment", "Evaluation")) {
      assertFalse(report.contains(other), other + " in\n" + report);
    }
  }

  @Test
  void anAcceptedDocumentRebuildsQuietly() throws Exception {
    prepare(FEBRUARY, true, withoutTheStop());
    prepare(APRIL, true); // the user read the report, fixed what needed fixing, accepted

    Main.Prepared again = prepare(APRIL, false);

    assertTrue(again.changes().isEmpty(), again.report());
    assertTrue(report().contains("No change in the operations the client calls"), report());
  }

  @Test
  void anOperationAtAnotherPathInTheDocumentStopsTheBuildNamingIt() {
    SpecException stop = assertThrows(SpecException.class, () -> prepare(FEBRUARY, true));

    assertTrue(
        stop.getMessage()
            .startsWith(
                FEBRUARY
                    + " has no path /rl/training-sessions/{session_id}/stop: the client calls POST"
                    + " /rl/training-sessions/{session_id}/stop"),
        stop.getMessage());
  }

  @Test
  void onlyWhatTheClientUsesIsKept() {
    Main.Prepared p = prepare(APRIL, true);

    Map<?, ?> schemas = (Map<?, ?>) ((Map<?, ?>) p.slice().get("components")).get("schemas");
    assertEquals(42, schemas.size(), schemas.keySet().toString()); // of 243 in the document
    assertEquals(15, ((Map<?, ?>) p.slice().get("paths")).size()); // 16 operations
    assertTrue(schemas.containsKey("QueueClearResponse"), "the overlay's operation and schemas");
  }

  @Test
  void aNewStatusIsReportedAsAValueToMap() throws Exception {
    prepare(APRIL, true);
    Path changed = dir.resolve("openapi.yaml");
    Files.writeString(
        changed,
        Files.readString(APRIL)
            .replace(
                "        - EXPIRED\n        - CANCELLED\n      example: 'IN_PROGRESS'",
                "        - EXPIRED\n        - CANCELLED\n        - ON_HOLD\n      example: 'IN_PROGRESS'"));

    Main.Prepared p = prepare(changed, false);

    assertEquals(List.of(), p.changes().breaking);
    assertEquals(
        List.of(
            "schema BatchJobStatus: new values ON_HOLD (a status must be mapped in the provider's"
                + " *States class; the state-table test names it)"),
        p.changes().notes);
  }

  @Test
  void aFieldTheClientReadsRemovedStopsTheBuild() throws Exception {
    prepare(APRIL, true);
    String text = Files.readString(APRIL);
    int job = text.indexOf("    BatchJob:\n");
    int status = text.indexOf("        status:\n", job);
    int next = text.indexOf("\n        ", status + 20);
    while (text.startsWith("\n          ", next)) {
      next = text.indexOf("\n        ", next + 1);
    }
    Path changed = dir.resolve("openapi.yaml");
    Files.writeString(changed, text.substring(0, status) + text.substring(next + 1));

    SpecException stop = assertThrows(SpecException.class, () -> prepare(changed, false));

    assertTrue(
        stop.getMessage().contains("1 breaking: BatchJob.status: removed; the client reads it"),
        stop.getMessage());
  }

  @Test
  void anOverlayActionWhosePlaceIsGoneStopsTheBuild() throws Exception {
    Path changed = dir.resolve("openapi.yaml");
    Files.writeString( // Together fixed FinetuneResponse.lr_scheduler: the action that did is left
        // over
        changed,
        Files.readString(APRIL)
            .replace(
                "        lr_scheduler:\n          type: object\n          $ref:",
                "        lr_scheduler:\n          $ref:"));

    SpecException stop = assertThrows(SpecException.class, () -> prepare(changed, true));

    assertEquals(
        TOGETHER.resolve("overlay.yaml").toAbsolutePath().normalize()
            + " action 8 (Remove type object beside a $ref: a $ref stands alone (the generator"
            + " warns, then ignores the type).) targets"
            + " $.components.schemas.FinetuneResponse.properties.lr_scheduler.type, which selects"
            + " nothing in "
            + changed
            + ": the published document changed there. Read the action's description, look at that"
            + " place in the new document, then retarget the action, or remove it if the document no"
            + " longer needs it.",
        stop.getMessage());
  }
}
