package dev.cancelkit.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cancelkit.archetype.model.BatchJob;
import dev.cancelkit.archetype.model.BatchJobStatus;
import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.CancelState;
import dev.cancelkit.common.JobState;
import dev.cancelkit.common.JobStatus;
import dev.cancelkit.common.ServerException;
import dev.cancelkit.common.testing.ProviderServer;
import dev.cancelkit.common.testing.StatusContract;
import java.io.IOException;
import java.time.Duration;
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

/** Archetype's Batch Processing jobs: list pages with a total, reads, cancels and the 409 rule. */
class ArchetypeBatchJobsTest implements StatusContract {
  @Override
  public List<Kind> statusKinds() {
    return List.of(
        new Kind(
            "Archetype batch job",
            "specs/archetype/openapi.yaml",
            StatusContract.documented(
                BatchJobStatus::getValue,
                BatchJobStatus.UNKNOWN_DEFAULT_OPEN_API,
                BatchJobStatus.values()),
            ArchetypeStates.BATCH));
  }

  private final ProviderServer server = new ProviderServer();
  private ArchetypeClient archetype;

  @BeforeEach
  void start() {
    archetype =
        ArchetypeClient.builder()
            .apiKey("atai-test-key")
            .baseUrl(server.url("/v0.5"))
            .timeout(Duration.ofSeconds(5))
            .maxRetries(0)
            .build();
  }

  @AfterEach
  void stop() throws IOException {
    archetype.close();
    server.close();
  }

  static String job(String id, String status) {
    return ProviderServer.resource(
            ArchetypeBatchJobsTest.class, "/archetype/batch-job-example.json")
        .replace("job_2abc3def4ghi5jkl6mno7pqr", id)
        .replace("\"status\": \"RUNNING\"", "\"status\": \"" + status + "\"");
  }

  static String page(int from, int count, int total) {
    return "{\"total\":"
        + total
        + ",\"offset\":"
        + from
        + ",\"limit\":100,\"jobs\":"
        + IntStream.range(from, from + count)
            .mapToObj(i -> job("job_" + i, "RUNNING"))
            .collect(Collectors.joining(",", "[", "]"))
        + "}";
  }

  private List<String> ids() {
    try (Stream<JobStatus<BatchJob>> s = archetype.batchJobs().list()) {
      return s.map(JobStatus::jobId).collect(Collectors.toList());
    }
  }

  @Test
  void theListPagesByOffsetUntilTheTotal() throws Exception {
    server.answer(200, page(0, 100, 250));
    server.answer(200, page(100, 100, 250));
    server.answer(200, page(200, 50, 250));

    List<String> ids = ids();

    assertEquals(250, ids.size());
    assertEquals("job_249", ids.get(249));
    assertEquals("/v0.5/batch/jobs?offset=0&limit=100", server.take().getPath());
    assertEquals("/v0.5/batch/jobs?offset=100&limit=100", server.take().getPath());
    assertEquals("/v0.5/batch/jobs?offset=200&limit=100", server.take().getPath());
  }

  @Test
  void aFullLastPageEndsAtTheTotalWithoutAnotherRequest() {
    server.answer(200, page(0, 100, 200));
    server.answer(200, page(100, 100, 200));

    assertEquals(200, ids().size());
    assertEquals(2, server.requestCount());
  }

  @Test
  void aShortOrEmptyPageEndsTheListWhateverTheTotalSays() {
    server.answer(200, page(0, 30, 500));
    assertEquals(30, ids().size());
    server.answer(200, page(0, 0, 500));
    assertEquals(0, ids().size());

    assertEquals(2, server.requestCount());
  }

  @Test
  void aFailingSecondPageFailsTheListAfterTheFirstPagesJobs() {
    server.answer(200, page(0, 100, 150));
    server.answer(500, "{\"errors\":[{\"code\":\"internal\",\"message\":\"down\"}]}");
    List<String> seen = new ArrayList<>();

    try (Stream<JobStatus<BatchJob>> s = archetype.batchJobs().list()) {
      assertThrows(ServerException.class, () -> s.forEach(j -> seen.add(j.jobId())));
    }

    assertEquals(100, seen.size());
  }

  @ParameterizedTest
  @CsvSource({
    "PENDING, CANCELLING, ACTIVE",
    "ADMITTED, CANCELLING, ACTIVE",
    "RUNNING, CANCELLING, ACTIVE",
    "PREEMPTED, CANCELLING, ACTIVE",
    "CANCELLED, CANCELLED, CANCELLED",
    "COMPLETED, NOT_CANCELLABLE, FINISHED",
    "FAILED, NOT_CANCELLABLE, FINISHED",
    "NOT_A_STATUS_EVER, UNKNOWN, UNKNOWN"
  })
  void aCancelPostsAndMapsTheAnswerAndAReadMapsTheJob(
      String status, CancelState cancel, JobState read) throws Exception {
    server.answer(
        200,
        "{\"id\":\"job_1\",\"status\":\""
            + status
            + "\",\"cancelled_at\":\"2026-05-04T09:20:00Z\"}"); // the documented cancel answer
    server.answer(200, job("job_1", status));

    CancelResult<BatchJob> r = archetype.batchJobs().cancel("job_1");
    JobStatus<BatchJob> s = archetype.batchJobs().status("job_1");

    assertEquals(cancel, r.state());
    assertEquals(status, r.providerStatus());
    assertEquals(read, s.state());
    assertEquals(Instant.parse("2026-05-04T09:12:00Z"), s.createdAt().orElseThrow());
    assertEquals("machine-state-classification", s.job().getPipelineKey());
    RecordedRequest sent = server.take();
    assertEquals("POST /v0.5/batch/jobs/job_1/cancel HTTP/1.1", sent.getRequestLine());
    assertEquals("GET /v0.5/batch/jobs/job_1 HTTP/1.1", server.take().getRequestLine());
  }

  @Test
  void aConflictIsReadOnceAndSaysWhatTheJobIs() throws Exception {
    server.answer(
        409, "{\"errors\":[{\"code\":\"conflict\",\"message\":\"job already completed\"}]}");
    server.answer(200, job("job_1", "COMPLETED"));

    CancelResult<BatchJob> r = archetype.batchJobs().cancel("job_1");

    assertEquals(CancelState.NOT_CANCELLABLE, r.state());
    assertEquals(409, r.httpStatus());
    assertEquals(2, server.requestCount());
  }

  @Test
  void activeKeepsTheJobsThatStillRun() {
    server.answer(
        200,
        "{\"total\":3,\"jobs\":["
            + job("job_a", "RUNNING")
            + ","
            + job("job_b", "COMPLETED")
            + ","
            + job("job_c", "PREEMPTED")
            + "]}");

    assertEquals(
        List.of("job_a", "job_c"),
        archetype.batchJobs().active().stream().map(JobStatus::jobId).collect(Collectors.toList()));
  }

  @Test
  void aSixtyFiveCharacterIdIsRefusedAndNothingIsSent() {
    String id = "j".repeat(65);

    assertThrows(IllegalArgumentException.class, () -> archetype.batchJobs().cancel(id));
    assertEquals(0, server.requestCount());
  }
}
