package dev.cancelkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cancelkit.cli.CliProcess.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --journal}, through the built jar: opened before anything is sent, its lines that are not
 * entries named, and a resume that skips only what was recorded against the same base URL and key.
 */
class JournalIT {
  private static final String KEY = "sk-journal-test-0123";

  @TempDir Path dir;
  private final MockWebServer provider = new MockWebServer();
  private final MockWebServer staging = new MockWebServer();

  @BeforeEach
  void start() throws IOException {
    for (MockWebServer s : List.of(provider, staging)) {
      s.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
              String id = r.getPath().split("/")[3];
              return new MockResponse()
                  .setHeader("Content-Type", "application/json")
                  .setBody("{\"id\":\"" + id + "\",\"status\":\"CANCELLED\"}");
            }
          });
      s.start();
    }
  }

  @AfterEach
  void stop() throws IOException {
    provider.shutdown();
    staging.shutdown();
  }

  private Run cancel(MockWebServer server, String key, Path ids, String journal) throws Exception {
    List<String> command =
        CliProcess.command(
            "together", "batch", "cancel", "--ids-file", ids.toString(), "--journal", journal);
    Map<String, String> env =
        Map.of("TOGETHER_API_KEY", key, "TOGETHER_BASE_URL", server.url("/v1").toString());
    return CliProcess.start(dir, command, env, null).finish(120);
  }

  private Path ids() throws IOException {
    return Files.writeString(dir.resolve("ids.txt"), "tb-1\ntb-2\ntb-3\n");
  }

  @Test
  void aJournalThatIsADirectoryStopsTheRunBeforeAnythingIsSent() throws Exception {
    Run r = cancel(provider, KEY, ids(), dir.toString());

    assertEquals(2, r.exit(), r.err());
    assertEquals(
        "cancelkit: cannot use the journal " + dir + ": it is a directory; nothing was sent\n",
        r.err());
    assertEquals(0, provider.getRequestCount());
  }

  @Test
  void aJournalThatCannotBeWrittenStopsTheRunBeforeAnythingIsSent() throws Exception {
    for (String path : List.of("/dev/full", "/proc/version", "/nonexistent-dir/run.jsonl")) {
      if (!path.startsWith("/nonexistent") && !Files.exists(Path.of(path))) {
        continue;
      }
      Run r = cancel(provider, KEY, ids(), path);

      assertEquals(2, r.exit(), path + ": " + r.err());
      assertTrue(
          r.err()
              .lines()
              .anyMatch(
                  l ->
                      (l.startsWith("cancelkit: cannot write the journal " + path + ": ")
                              || l.startsWith("cancelkit: cannot use the journal " + path + ": "))
                          && l.endsWith("; nothing was sent")),
          r.err());
    }
    assertEquals(0, provider.getRequestCount());
  }

  @Test
  void aJournalWrittenAgainstAnotherBaseUrlOrKeySkipsNothing() throws Exception {
    Path journal = dir.resolve("run.jsonl");
    Path ids = ids();
    Run sandboxRun = cancel(staging, KEY, ids, journal.toString());
    Run otherKey = cancel(provider, "sk-another-key-4567", ids, journal.toString());
    Run real = cancel(provider, KEY, ids, journal.toString());

    assertEquals(0, sandboxRun.exit(), sandboxRun.err());
    assertEquals(3, staging.getRequestCount());
    assertEquals(0, otherKey.exit(), otherKey.err());
    assertEquals(0, real.exit(), real.err());
    assertEquals(
        6, provider.getRequestCount(), "nothing was skipped: the other runs were elsewhere");
    assertEquals(
        "cancelkit: the journal "
            + journal
            + " has 3 entries of another target, base URL or key, which do not count as done:"
            + " lines 2, 3, 4",
        otherKey.err().lines().findFirst().orElse(""));
    assertTrue(
        real.err()
            .startsWith(
                "cancelkit: the journal "
                    + journal
                    + " has 6 entries of another target, base URL or key, which do not count as"
                    + " done: lines 2, 3, 4, 6, 7, 8\n"),
        real.err());

    Run again = cancel(provider, KEY, ids, journal.toString());
    assertEquals(0, again.exit(), again.err());
    assertEquals(6, provider.getRequestCount(), "the same base URL and key: all three skipped");
    assertTrue(
        again.err().contains("skipping 3 ids that " + journal + " records as CANCELLED"),
        again.err());
  }

  @Test
  void aCutLastLineIsEndedFirstAndBadLinesAreNamed() throws Exception {
    Path journal = dir.resolve("run.jsonl");
    Files.write(
        journal,
        ("garbage\n"
                + "\u00ff\u00fe not utf-8\n"
                + "{\"target\":\"together batch cancel\",\"id\":\"tb-1\",\"sta")
            .getBytes(StandardCharsets.ISO_8859_1));

    Run r = cancel(provider, KEY, ids(), journal.toString());

    assertEquals(0, r.exit(), r.err());
    assertEquals(
        "cancelkit: the journal "
            + journal
            + " has 3 lines that are not entries (not JSON, cut short or not UTF-8): lines 1, 2, 3",
        r.err().lines().findFirst().orElse(""));
    List<String> lines = Files.readAllLines(journal, StandardCharsets.ISO_8859_1);
    assertEquals(7, lines.size(), lines.toString());
    assertTrue(lines.get(3).startsWith("{\"target\":\"together batch cancel\""), lines.get(3));
    assertTrue(lines.get(3).contains("\"run\":\"started\""), lines.get(3));
    assertFalse(lines.get(2).contains("run"), "the new run's line is not glued to the cut one");
    assertEquals(3, provider.getRequestCount());
  }
}
