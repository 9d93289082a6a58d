package dev.cancelkit.cerebras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cancelkit.cerebras.model.Batch;
import dev.cancelkit.cerebras.model.BatchStatus;
import dev.cancelkit.common.InvalidResponseException;
import dev.cancelkit.common.JobState;
import dev.cancelkit.common.JobStatus;
import dev.cancelkit.common.TransportException;
import dev.cancelkit.common.testing.ProviderServer;
import dev.cancelkit.common.testing.StatusContract;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading and listing Cerebras batches, page by page, against a loopback server. */
class CerebrasJobsTest implements StatusContract {
  @Override
  public List<Kind> statusKinds() {
    return List.of(
        new Kind(
            "Cerebras batch",
            "specs/cerebras/batches.yaml",
            StatusContract.documented(
                BatchStatus::getValue, BatchStatus.UNKNOWN_DEFAULT_OPEN_API, BatchStatus.values()),
            CerebrasStates.BATCH));
  }

  private final ProviderServer server = new ProviderServer();
  private CerebrasClient cerebras;

  @BeforeEach
  void start() {
    cerebras =
        CerebrasClient.builder()
            .apiKey("csk-test-key")
            .baseUrl(server.url("/v1"))
            .timeout(Duration.ofSeconds(5))
            .maxRetries(0)
            .build();
  }

  @AfterEach
  void stop() throws IOException {
    cerebras.close();
    server.close();
  }

  /** The documented batch with another id and status. */
  static String batch(String id, String status) {
    return ProviderServer.resource(CerebrasJobsTest.class, "/cerebras/retrieve-example.json")
        .replace("\"batch_abc123\"", "\"" + id + "\"")
        .replace("\"cancelling\"", "\"" + status + "\"");
  }

  static String page(int from, int count, String hasMore) {
    String data =
        IntStream.range(from, from + count)
            .mapToObj(i -> batch("batch_" + i, "in_progress"))
            .collect(Collectors.joining(",", "[", "]"));
    return "{\"object\":\"list\",\"data\":"
        + data
        + (hasMore == null ? "" : ",\"has_more\":" + hasMore)
        + "}";
  }

  @ParameterizedTest
  @CsvSource({
    "validating, ACTIVE",
    "queued, ACTIVE",
    "in_progress, ACTIVE",
    "finalizing, ACTIVE",
    "cancelling, CANCELLING",
    "cancelled, CANCELLED",
    "completed, FINISHED",
    "failed, FINISHED",
    "expired, FINISHED",
    "not_a_status_ever, UNKNOWN"
  })
  void statusReadsEachRowOfTheTable(String status, JobState state) throws Exception {
    server.answer(200, batch("batch_1", status));

    JobStatus<Batch> r = cerebras.batches().status("batch_1");

    assertEquals(state, r.state());
    assertEquals(status, r.providerStatus());
    assertEquals(Instant.ofEpochSecond(1766003277), r.createdAt().orElseThrow());
    assertEquals("GET /v1/batches/batch_1 HTTP/1.1", server.take().getRequestLine());
  }

  @Test
  void aCreationTimeWrittenAsTextIsNotReadWhereSecondsAreDocumented() throws Exception {
    server.answer(
        200,
        batch("batch_1", "in_progress")
            .replace("\"created_at\": 1766003277", "\"created_at\": \"2020-01-01T00:00:00Z\""));

    JobStatus<Batch> r = cerebras.batches().status("batch_1");

    assertEquals(JobState.ACTIVE, r.state());
    assertEquals(java.util.Optional.empty(), r.createdAt());
  }

  @Test
  void listFollowsTheLastIdWhileHasMoreIsTrue() throws Exception {
    server.answer(200, page(0, 100, "true"));
    server.answer(200, page(100, 100, "true"));
    server.answer(200, page(200, 30, "false"));

    List<JobStatus<Batch>> all;
    try (Stream<JobStatus<Batch>> jobs = cerebras.batches().list()) {
      all = jobs.collect(Collectors.toList());
    }

    assertEquals(230, all.size());
    assertEquals("batch_229", all.get(229).jobId());
    assertEquals(JobState.ACTIVE, all.get(0).state());
    assertEquals("/v1/batches?limit=100", server.take().getPath());
    assertEquals("/v1/batches?limit=100&after=batch_99", server.take().getPath());
    assertEquals("/v1/batches?limit=100&after=batch_199", server.take().getPath());
  }

  @Test
  void oneListReadInParallelHandsEachJobOnOnce() throws Exception {
    server.answer(200, page(0, 100, "true"));
    server.answer(200, page(100, 100, "true"));
    server.answer(200, page(200, 30, "false"));

    List<String> ids;
    try (Stream<JobStatus<Batch>> jobs = cerebras.batches().list()) {
      ids = jobs.parallel().map(JobStatus::jobId).collect(Collectors.toList());
    }

    assertEquals(
        IntStream.range(0, 230).mapToObj(i -> "batch_" + i).collect(Collectors.toList()), ids);
    assertEquals(3, server.requestCount());
  }

  @Test
  void oneListReadByTwoThreadsInTurnHandsEachJobOnOnce() throws Exception {
    server.answer(200, page(0, 100, "true"));
    server.answer(200, page(100, 100, "true"));
    server.answer(200, page(200, 30, "false"));
    List<String> ids = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    try (Stream<JobStatus<Batch>> jobs = cerebras.batches().list()) {
      java.util.Iterator<JobStatus<Batch>> it = jobs.iterator();
      Thread first =
          new Thread(
              () -> {
                for (int i = 0; i < 150; i++) {
                  ids.add(it.next().jobId());
                }
              });
      first.start();
      first.join(10_000);
      Thread second = new Thread(() -> it.forEachRemaining(j -> ids.add(j.jobId())));
      second.start();
      second.join(10_000);
    }

    assertEquals(
        IntStream.range(0, 230).mapToObj(i -> "batch_" + i).collect(Collectors.toList()), ids);
    assertEquals(3, server.requestCount());
  }

  @Test
  void aMissingHasMoreEndsTheList() {
    server.answer(200, page(0, 100, null));

    assertEquals(100, cerebras.batches().list().count());
    assertEquals(1, server.requestCount());
  }

  @Test
  void anEmptyPageEndsTheList() {
    server.answer(200, page(0, 2, "true"));
    server.answer(200, "{\"object\":\"list\",\"data\":[],\"has_more\":true}");

    assertEquals(2, cerebras.batches().list().count());
    assertEquals(2, server.requestCount());
  }

  @Test
  void aNullDataIsAnEmptyPage() {
    server.answer(200, "{\"object\":\"list\",\"data\":null,\"has_more\":null}");

    assertEquals(0, cerebras.batches().list().count());
  }

  @Test
  void aPageThatRepeatsTheLastIdStopsTheList() {
    server.answer(200, page(0, 2, "true"));
    server.answer(200, page(0, 2, "true"));

    assertThrows(InvalidResponseException.class, () -> cerebras.batches().list().count());
    assertEquals(2, server.requestCount());
  }

  @Test
  void pagesThatPointAtEachOtherEndTheListAsFailedWithWhatWasSeen() {
    server.answer(200, page(0, 2, "true")); // A: after batch_1 gives B
    server.answer(200, page(2, 2, "true")); // B: after batch_3 gives A again
    server.answer(200, page(0, 2, "true"));
    List<String> seen = new ArrayList<>();

    InvalidResponseException e =
        assertThrows(
            InvalidResponseException.class,
            () -> cerebras.batches().list().forEach(j -> seen.add(j.jobId())));

    assertEquals(List.of("batch_0", "batch_1", "batch_2", "batch_3"), seen);
    assertEquals(3, server.requestCount());
    assertEquals(
        "cerebras: the list was stopped at page 3 with no job not seen before (pages that cycle,"
            + " or paging parameters ignored), after 3 pages and 4 distinct jobs",
        e.getMessage());
  }

  @Test
  void aCycleOfThreePagesEndsAtItsFirstRepeat() {
    server.answer(200, page(0, 3, "true"));
    server.answer(200, page(3, 3, "true"));
    server.answer(200, page(6, 3, "true"));
    server.answer(200, page(0, 3, "true"));

    assertThrows(InvalidResponseException.class, () -> cerebras.batches().list().count());
    assertEquals(4, server.requestCount());
  }

  @Test
  void aJobPagedTwiceIsHandedOnOnce() {
    server.answer(200, page(0, 3, "true"));
    server.answer(200, page(2, 3, "false")); // batch_2 again: a job created meanwhile shifted it

    assertEquals(
        List.of("batch_0", "batch_1", "batch_2", "batch_3", "batch_4"),
        cerebras.batches().list().map(JobStatus::jobId).collect(Collectors.toList()));
  }

  @Test
  void endlessFreshPagesStopAtTheJobBound() {
    AtomicInteger pages = new AtomicInteger();
    server.answerEach(
        request ->
            new MockResponse()
                .setHeader("Content-Type", "application/json")
                .setBody(page(pages.getAndIncrement() * 100, 100, "true")));

    InvalidResponseException e =
        assertThrows(InvalidResponseException.class, () -> cerebras.batches().list().count());

    assertEquals(
        "cerebras: the list was stopped at more than 100000 jobs, after 1001 pages and 100000"
            + " distinct jobs",
        e.getMessage());
    assertTrue(server.requestCount() <= 1001, "pages asked for: " + server.requestCount());
  }

  @Test
  void activeKeepsTheLiveBatches() {
    server.answer(
        200,
        "{\"object\":\"list\",\"data\":["
            + batch("a", "in_progress")
            + ","
            + batch("b", "completed")
            + ","
            + batch("c", "cancelling")
            + "],\"has_more\":false}");

    List<JobStatus<Batch>> active = cerebras.batches().active();

    assertEquals(
        List.of("a", "c"), active.stream().map(JobStatus::jobId).collect(Collectors.toList()));
  }

  @Test
  void aSecondPageCutShortThrowsAfterTheFirstWasHandedOut() {
    server.answer(200, page(0, 100, "true"));
    server.answer(
        new MockResponse()
            .setBody(page(100, 100, "false"))
            .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
    List<String> seen = new ArrayList<>();

    assertThrows(
        TransportException.class,
        () -> cerebras.batches().list().forEach(j -> seen.add(j.jobId())));

    assertTrue100OrMore(seen.size());
  }

  private static void assertTrue100OrMore(int n) {
    if (n < 100 || n >= 200) {
      throw new AssertionError(n + " jobs handed out");
    }
  }
}
