package dev.cancelkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.squareup.moshi.JsonAdapter;
import dev.cancelkit.cli.CliProcess.Run;
import dev.cancelkit.common.json.JsonSupport;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (SIGINT) and SIGTERM sent to the built jar in the middle of a slow bulk run: the record it
 * prints (pipe lines, JSON, a terminal's summary, the journal) matches what the server received.
 */
class SignalsIT {
  private static final JsonAdapter<Object> JSON = JsonSupport.moshi().adapter(Object.class);
  private static final int IDS = 200;

  @TempDir Path dir;

  private final MockWebServer server = new MockWebServer();

  /** The ids whose cancel reached the server, and those it answered. */
  private final Set<String> received = Collections.synchronizedSet(new HashSet<>());

  private final Set<String> answered = Collections.synchronizedSet(new HashSet<>());

  private final List<String> ids =
      IntStream.range(0, IDS).mapToObj(i -> "batch_" + i).collect(Collectors.toList());

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  /** Cerebras on loopback: a list of every id, and cancels answered (or not) after a delay. */
  private void cerebras(long delayMillis, Predicate<String> hangs) {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            if (r.getMethod().equals("GET")) {
              String jobs =
                  ids.stream().map(id -> batch(id, "in_progress")).collect(Collectors.joining(","));
              return new MockResponse()
                  .setBody("{\"object\":\"list\",\"data\":[" + jobs + "],\"has_more\":false}");
            }
            String id = r.getRequestUrl().pathSegments().get(2);
            received.add(id);
            if (hangs.test(id)) {
              return new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE);
            }
            try {
              TimeUnit.MILLISECONDS.sleep(delayMillis);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            answered.add(id);
            return new MockResponse().setBody(batch(id, "cancelling"));
          }
        });
  }

  private static String batch(String id, String status) {
    return "{\"id\":\""
        + id
        + "\",\"object\":\"batch\",\"endpoint\":\"/v1/chat/completions\",\"input_file_id\":\"f\","
        + "\"completion_window\":\"24h\",\"status\":\""
        + status
        + "\",\"created_at\":1796143431}";
  }

  private Map<String, String> env() {
    return Map.of(
        "CEREBRAS_API_KEY",
        "sk-signals-test-123456",
        "CEREBRAS_BASE_URL",
        server.url("/v1").toString());
  }

  private Path idsFile() throws IOException {
    Path file = dir.resolve("ids.txt");
    Files.writeString(file, String.join("\n", ids) + "\n");
    return file;
  }

  private void awaitRequests(int n) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (received.size() < n && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    assertTrue(received.size() >= n, received.size() + " requests");
  }

  /** Each line's first field, per second field. */
  private static Map<String, List<String>> byState(String out) {
    Map<String, List<String>> states = new HashMap<>();
    for (String line : out.lines().collect(Collectors.toList())) {
      String[] f = line.split("\t");
      assertEquals(3, f.length, line);
      states.computeIfAbsent(f[1], k -> new ArrayList<>()).add(f[0]);
    }
    return states;
  }

  @Test
  void ctrlCInAPipeRunAwaitsTheCallsInFlightAndPrintsEveryIdOnce() throws Exception {
    cerebras(300, id -> false);
    Path journal = dir.resolve("journal.jsonl");
    CliProcess p =
        CliProcess.start(
            dir,
            CliProcess.command(
                "cerebras",
                "batch",
                "cancel",
                "--ids-file",
                idsFile().toString(),
                "--concurrency",
                "4",
                "--journal",
                journal.toString()),
            env(),
            null);
    awaitRequests(12);

    long signalled = System.nanoTime();
    p.signal("INT");
    Run r = p.finish(30);

    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
    assertEquals(130, r.exit(), r.err());
    assertTrue(millis < 4000, millis + " ms: at most 2 s for the calls in flight");
    Map<String, List<String>> states = byState(r.out());
    assertEquals(IDS, states.values().stream().mapToInt(List::size).sum(), "every id once");
    assertEquals(Set.of("CANCELLING", "UNSENT"), states.keySet(), r.out());
    assertEquals(received, Set.copyOf(states.get("CANCELLING")), "each answered call is recorded");
    assertEquals(answered, received, "the calls in flight were answered, not aborted");
    Set<String> unsent = new HashSet<>(ids);
    unsent.removeAll(received);
    assertEquals(unsent, Set.copyOf(states.get("UNSENT")));
    assertEquals(received.size(), server.getRequestCount(), "nothing sent after Ctrl-C");
    List<String> lines = Files.readAllLines(journal);
    assertTrue(lines.get(0).contains("\"run\":\"started\""), lines.get(0));
    assertEquals(received.size(), lines.size() - 1, "one entry per answered id");
    assertTrue(r.err().contains("interrupted after " + received.size() + " of 200"), r.err());
  }

  @Test
  void sigtermInJsonModeStillPrintsOneCompleteDocument() throws Exception {
    cerebras(0, id -> Integer.parseInt(id.substring(6)) >= 8); // eight answer, the rest hang
    CliProcess p =
        CliProcess.start(
            dir,
            CliProcess.command(
                "--json",
                "cerebras",
                "batch",
                "cancel",
                "--ids-file",
                idsFile().toString(),
                "--concurrency",
                "4"),
            env(),
            null);
    awaitRequests(12);

    p.signal("TERM");
    Run r = p.finish(30);

    assertEquals(143, r.exit(), r.err());
    Map<?, ?> doc = (Map<?, ?>) JSON.fromJson(r.out());
    assertEquals(true, doc.get("interrupted"));
    List<?> outcomes = (List<?>) doc.get("outcomes");
    assertEquals(8, outcomes.size(), r.out());
    assertEquals(List.of("batch_8", "batch_9", "batch_10", "batch_11"), doc.get("unknown"));
    assertEquals(ids.subList(12, IDS), doc.get("unsent"));
    assertEquals(12, server.getRequestCount());
    assertEquals(
        Map.of("CANCELLING", 8.0, "UNSENT", 188.0, "UNKNOWN (interrupted)", 4.0),
        doc.get("summary"));
  }

  @Test
  void ctrlCOnATerminalNamesTheIdsNotCancelled() throws Exception {
    assumeTrue(
        new File("/usr/bin/script").canExecute(),
        "util-linux script gives the run a pseudo-terminal");
    cerebras(0, id -> Integer.parseInt(id.substring(6)) >= 8);
    String inner =
        "exec "
            + CliProcess.java()
            + " -jar "
            + CliProcess.jar()
            + " cerebras batch cancel --concurrency 4 --ids-file "
            + idsFile();
    CliProcess p =
        CliProcess.start(
            dir, List.of("/usr/bin/script", "-q", "-e", "-c", inner, "/dev/null"), env(), null);
    awaitRequests(12);

    long java =
        p.process
            .descendants()
            .filter(h -> h.info().command().orElse("").endsWith("java"))
            .findFirst()
            .orElseThrow()
            .pid();
    CliProcess.signal(java, "INT");
    Run r = p.finish(30);

    assertEquals(130, r.exit(), r.out());
    assertTrue(r.out().contains("interrupted after 8 of 200 jobs; nothing more was sent"), r.out());
    assertTrue(r.out().contains("sent, state unknown (interrupted) (4):"), r.out());
    assertTrue(r.out().contains("\n  batch_11\r\n") || r.out().contains("\n  batch_11\n"), r.out());
    assertTrue(r.out().contains("not sent (interrupted) (188):"), r.out());
  }

  @Test
  void cancelAllInterruptedPrintsOneCompleteDocument() throws Exception {
    cerebras(0, id -> Integer.parseInt(id.substring(6)) >= 8);
    CliProcess p =
        CliProcess.start(
            dir,
            CliProcess.command(
                "--json", "cancel-all", "--yes", "--provider", "cerebras", "--concurrency", "4"),
            env(),
            "");
    awaitRequests(12);

    p.signal("INT");
    Run r = p.finish(30);

    assertEquals(130, r.exit(), r.err());
    Map<?, ?> doc = (Map<?, ?>) JSON.fromJson(r.out());
    assertEquals(true, doc.get("interrupted"));
    assertEquals(IDS, ((List<?>) doc.get("plan")).size());
    assertEquals(8, ((List<?>) doc.get("outcomes")).size());
    assertEquals(4, ((List<?>) doc.get("unknown")).size());
    assertEquals(188, ((List<?>) doc.get("unsent")).size());
    assertEquals(
        Map.of("provider", "cerebras", "kind", "batch", "id", "batch_8"),
        ((List<?>) doc.get("unknown")).get(0));
    assertEquals(1 + 12, server.getRequestCount()); // the list, then the cancels
  }

  @Test
  void aWatchEndsQuietlyOnSigterm() throws Exception {
    CliProcess p =
        CliProcess.start(
            dir, CliProcess.command("--sandbox", "--json", "jobs", "--watch"), Map.of(), null);
    p.awaitOutput("\"failures\"", 30); // the first document (into a pipe, a watch is NDJSON)

    p.signal("TERM");
    Run r = p.finish(30);

    assertEquals(143, r.exit(), r.err());
    assertEquals("", r.err());
    assertTrue(r.out().startsWith("{\"jobs\":[{"), r.out());
  }
}
