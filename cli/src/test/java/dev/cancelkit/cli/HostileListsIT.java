package dev.cancelkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cancelkit.cli.CliProcess.Run;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lists longer than any account's, against the built jar in a JVM whose heap is 64 MiB: the listing
 * fails with a line that says where it stopped, the command exits 1, and the heap is never
 * exhausted.
 */
class HostileListsIT {
  private static final String KEY = "sk-hostile-test-1234567890";

  @TempDir Path dir;

  private MockWebServer server;

  /** Together's batches: {@code jobs} of them in one unpaged answer, in {@code status}. */
  private void togetherBatches(int jobs, String status) throws Exception {
    Buffer body = new Buffer().writeUtf8("[");
    for (int i = 0; i < jobs; i++) {
      body.writeUtf8(i == 0 ? "" : ",")
          .writeUtf8("{\"id\":\"batch-" + i + "\",\"status\":\"" + status + "\",")
          .writeUtf8("\"created_at\":\"2026-11-30T10:00:00Z\",")
          .writeUtf8("\"model_id\":\"meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo\",")
          .writeUtf8("\"input_file_id\":\"file-input-0123456789\",\"progress\":75.0}");
    }
    byte[] batches = body.writeUtf8("]").readByteArray();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            MockResponse json = new MockResponse().setHeader("Content-Type", "application/json");
            return request.getPath().startsWith("/v1/batches")
                ? json.setBody(new Buffer().write(batches))
                : json.setBody("{\"data\":[]}");
          }
        });
  }

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private Run cancelkit(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(List.of(CliProcess.java(), "-Xmx64m", "-jar", CliProcess.jar()));
    command.addAll(List.of(args));
    Map<String, String> env =
        Map.of("TOGETHER_API_KEY", KEY, "TOGETHER_BASE_URL", server.url("/v1").toString());
    return CliProcess.start(dir, command, env, "").finish(120);
  }

  @Test
  void moreActiveJobsThanAnAccountRunsFailTheListingNotTheHeap() throws Exception {
    togetherBatches(50_000, "IN_PROGRESS");

    Run r = cancelkit("jobs", "--provider", "together");

    assertEquals(1, r.exit(), r.err());
    assertTrue(
        r.out()
            .contains(
                "could not list together batch jobs: together: the list was stopped at more than"
                    + " 10000 jobs kept, after 1 page and 10001 jobs\n"),
        r.out());
    assertTrue(
        r.out().endsWith("\n0 active or cancelling jobs (1 of 4 listings failed)\n"), r.out());
  }

  @Test
  void aPlanOverMoreActiveJobsThanAnAccountRunsLeavesThatKindOut() throws Exception {
    togetherBatches(50_000, "IN_PROGRESS");

    Run r = cancelkit("cancel-all", "--yes", "--provider", "together");

    assertEquals(1, r.exit(), r.err());
    assertTrue(
        r.err()
            .contains(
                "could not list together batch jobs (skipped): together: the list was stopped at"
                    + " more than 10000 jobs kept"),
        r.err());
    assertEquals(4, server.getRequestCount(), "four listings (endpoints only counted), no cancel");
  }

  @Test
  void allJobsShowsAtMostAHundredThousandOfOneKind() throws Exception {
    togetherBatches(150_000, "COMPLETED");

    Run r = cancelkit("jobs", "--all", "--provider", "together");

    assertEquals(1, r.exit(), r.err());
    assertTrue(
        r.out()
            .contains(
                "could not list together batch jobs: together: the list was stopped at more than"
                    + " 100000 jobs (the most --all shows of one kind), after 100000 jobs\n"),
        r.out());
  }

  @Test
  void aListingStillRunningAtTheTimeoutIsReportedAndTheOthersShown() throws Exception {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            MockResponse json = new MockResponse().setHeader("Content-Type", "application/json");
            return request.getPath().startsWith("/v1/batches")
                ? json.setBody("[{\"id\":\"batch-1\",\"status\":\"IN_PROGRESS\"}]")
                    .throttleBody(1, 300, TimeUnit.MILLISECONDS) // about 15 s
                : json.setBody(
                    "{\"data\":[{\"id\":\"ft-1\",\"status\":\"running\"," + "\"model\":\"m\"}]}");
          }
        });

    long start = System.nanoTime();
    Run jobs = cancelkit("jobs", "--provider", "together", "--timeout", "2s");
    Run plan = cancelkit("cancel-all", "--provider", "together", "--timeout", "2s");
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

    assertEquals(1, jobs.exit(), jobs.err());
    assertTrue(
        jobs.out()
            .contains(
                "could not list together batch jobs: together: still listing after 2s, the time"
                    + " given to list; stopped\n"),
        jobs.out());
    assertTrue(jobs.out().contains("together  fine-tune  ft-1"), jobs.out());
    assertEquals(1, plan.exit(), plan.err());
    assertTrue(
        plan.out()
            .contains(
                "could not list together batch jobs (skipped): together: still listing after 2s"),
        plan.out());
    assertTrue(plan.out().contains("ft-1"), plan.out());
    assertTrue(seconds < 12, seconds + " s for both");
  }

  @Test
  void aTimeoutOfZeroIsAUsageError() throws Exception {
    Run r = cancelkit("jobs", "--provider", "together", "--timeout", "0s");

    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("--timeout must be more than 0"), r.err());
    assertEquals(0, server.getRequestCount());
  }
}
