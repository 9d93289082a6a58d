package dev.cancelkit.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cancelkit.archetype.model.FineTuneJob;
import dev.cancelkit.archetype.model.FineTuneJobStatus;
import dev.cancelkit.common.InvalidResponseException;
import dev.cancelkit.common.JobState;
import dev.cancelkit.common.JobStatus;
import dev.cancelkit.common.ServerException;
import dev.cancelkit.common.testing.ProviderServer;
import dev.cancelkit.common.testing.StatusContract;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading and listing Archetype fine-tune jobs, against a loopback server. */
class ArchetypeJobsTest implements StatusContract {
  private static final String SPEC = "specs/archetype/openapi.yaml";
  private static final List<String> STATUSES =
      StatusContract.documented(
          FineTuneJobStatus::getValue,
          FineTuneJobStatus.UNKNOWN_DEFAULT_OPEN_API,
          FineTuneJobStatus.values());

  @Override
  public List<Kind> statusKinds() {
    return List.of(
        new Kind("Archetype fine-tune", SPEC, STATUSES, ArchetypeStates.CANCEL),
        new Kind(null, SPEC, STATUSES, ArchetypeStates.STOP));
  }

  private final ProviderServer server = new ProviderServer();
  private ArchetypeClient archetype;

  @BeforeEach
  void start() {
    archetype =
        ArchetypeClient.builder().apiKey("atai-test-key").baseUrl(server.url("/v0.5")).build();
  }

  @AfterEach
  void stop() throws IOException {
    archetype.close();
    server.close();
  }

  /** The documented job record with another id and status. */
  static String job(String id, String status) {
    return ProviderServer.resource(ArchetypeJobsTest.class, "/archetype/cancel-example.json")
        .replace("\"ftj-my-finetune-run-3de60a5c\"", "\"" + id + "\"")
        .replace("\"CANCELLED\"", "\"" + status + "\"");
  }

  static String page(int from, int count, String status) {
    return IntStream.range(from, from + count)
        .mapToObj(i -> job("ftj-" + i, status))
        .collect(Collectors.joining(",", "[", "]"));
  }

  @ParameterizedTest
  @CsvSource({
    "REGISTERED, ACTIVE",
    "STARTING, ACTIVE",
    "RUNNING, ACTIVE",
    "FINALIZING, ACTIVE",
    "STOPPING, CANCELLING",
    "CANCELLED, CANCELLED",
    "STOPPED, CANCELLED",
    "COMPLETED, FINISHED",
    "FAILED, FINISHED",
    "running, ACTIVE",
    "UNKNOWN, UNKNOWN",
    "NOT_A_STATUS_EVER, UNKNOWN"
  })
  void statusReadsEachRowOfTheTable(String status, JobState state) throws Exception {
    server.answer(200, job("ftj-1", status));

    JobStatus<FineTuneJob> r = archetype.fineTuneJobs().status("ftj-1");

    assertEquals(state, r.state());
    assertEquals(status, r.providerStatus());
    assertEquals("ftj-1", r.jobId());
    assertEquals(Instant.parse("2026-04-27T14:32:18.421Z"), r.createdAt().orElseThrow());
    assertEquals("GET /v0.5/fine-tune/jobs/ftj-1 HTTP/1.1", server.take().getRequestLine());
  }

  @Test
  void listPagesByOffsetUntilAShortPage() throws Exception {
    server.answer(200, page(0, 100, "RUNNING"));
    server.answer(200, page(100, 100, "COMPLETED"));
    server.answer(200, page(200, 7, "STOPPED"));

    List<JobStatus<FineTuneJob>> all;
    try (Stream<JobStatus<FineTuneJob>> jobs = archetype.fineTuneJobs().list()) {
      all = jobs.collect(Collectors.toList());
    }

    assertEquals(207, all.size());
    assertEquals("ftj-0", all.get(0).jobId());
    assertEquals(JobState.ACTIVE, all.get(0).state());
    assertEquals(FineTuneJobStatus.RUNNING, all.get(0).job().getStatus());
    assertEquals(JobState.FINISHED, all.get(150).state());
    assertEquals(JobState.CANCELLED, all.get(206).state());
    assertEquals("/v0.5/fine-tune/jobs?limit=100&offset=0", server.take().getPath());
    assertEquals("/v0.5/fine-tune/jobs?limit=100&offset=100", server.take().getPath());
    assertEquals("/v0.5/fine-tune/jobs?limit=100&offset=200", server.take().getPath());
    assertEquals(3, server.requestCount());
  }

  @Test
  void aServerThatIgnoresTheOffsetIsAskedTwiceAndTheListFails() throws Exception {
    server.answer(200, page(0, 100, "RUNNING"));
    server.answer(200, page(0, 100, "RUNNING")); // offset=100 ignored: the same full page

    InvalidResponseException e =
        assertThrows(InvalidResponseException.class, () -> archetype.fineTuneJobs().list().count());

    assertEquals(2, server.requestCount());
    assertTrue(e.getMessage().contains("after 2 pages and 100 distinct jobs"), e.getMessage());
  }

  @Test
  void anEmptyListAsksOnce() throws Exception {
    server.answer(200, "[]");

    assertEquals(0, archetype.fineTuneJobs().list().count());
    assertEquals(1, server.requestCount());
  }

  @Test
  void listIsLazy() throws Exception {
    server.answer(200, page(0, 100, "RUNNING"));
    server.answer(200, page(100, 100, "RUNNING"));

    try (Stream<JobStatus<FineTuneJob>> jobs = archetype.fineTuneJobs().list()) {
      assertEquals("ftj-5", jobs.skip(5).findFirst().orElseThrow().jobId());
    }

    assertEquals(1, server.requestCount()); // the second page was never asked for
  }

  @Test
  void activeAsksTheServerToFilterByEveryLiveStatus() throws Exception {
    server.answer(200, page(0, 3, "RUNNING"));

    List<JobStatus<FineTuneJob>> active = archetype.fineTuneJobs().active();

    assertEquals(3, active.size());
    RecordedRequest r = server.take();
    assertEquals(
        "/v0.5/fine-tune/jobs?limit=100&offset=0&statuses=FINALIZING&statuses=REGISTERED"
            + "&statuses=RUNNING&statuses=STARTING&statuses=STOPPING",
        r.getPath());
  }

  @Test
  void activeKeepsOnlyLiveJobsWhateverTheServerSends() {
    server.answer(200, "[" + job("a", "RUNNING") + "," + job("b", "COMPLETED") + "]");

    List<JobStatus<FineTuneJob>> active = archetype.fineTuneJobs().active();

    assertEquals(List.of("a"), active.stream().map(JobStatus::jobId).collect(Collectors.toList()));
  }

  @Test
  void aSecondPageThatFailsThrowsAfterTheFirstWasHandedOut() {
    server.answer(200, page(0, 100, "RUNNING"));
    server.answer(500, "{\"errors\":[{\"code\":\"internal\",\"message\":\"boom\"}]}");
    server.answer(500, "{\"errors\":[{\"code\":\"internal\",\"message\":\"boom\"}]}");
    server.answer(500, "{\"errors\":[{\"code\":\"internal\",\"message\":\"boom\"}]}");
    List<String> seen = new ArrayList<>();

    ServerException e =
        assertThrows(
            ServerException.class,
            () -> archetype.fineTuneJobs().list().forEach(j -> seen.add(j.jobId())));

    assertEquals(100, seen.size());
    assertEquals("boom", e.errorMessage());
    assertEquals(4, server.requestCount()); // the second page, tried three times
  }
}
