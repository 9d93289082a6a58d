package dev.cancelkit.together;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cancelkit.common.BadRequestException;
import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.CancelState;
import dev.cancelkit.common.JobState;
import dev.cancelkit.common.JobStatus;
import dev.cancelkit.common.testing.ProviderServer;
import dev.cancelkit.common.testing.StatusContract;
import dev.cancelkit.together.model.BatchJob;
import dev.cancelkit.together.model.BatchJobStatus;
import dev.cancelkit.together.model.FinetuneJobStatus;
import dev.cancelkit.together.model.FinetuneResponseTruncated;
import dev.cancelkit.together.model.QueueCancelResponse;
import dev.cancelkit.together.model.QueueJobStatusResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
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

/** Reading and listing Together jobs, clearing a queue, and the 409 rule, on loopback. */
class TogetherJobsTest implements StatusContract {
  private static final String SPEC = "specs/together/openapi.yaml";

  @Override
  public List<Kind> statusKinds() {
    return List.of(
        new Kind(
            "Together batch",
            SPEC,
            StatusContract.documented(
                BatchJobStatus::getValue,
                BatchJobStatus.UNKNOWN_DEFAULT_OPEN_API,
                BatchJobStatus.values()),
            TogetherStates.BATCH),
        new Kind(
            "Together fine-tune",
            SPEC,
            StatusContract.documented(
                FinetuneJobStatus::getValue,
                FinetuneJobStatus.UNKNOWN_DEFAULT_OPEN_API,
                FinetuneJobStatus.values()),
            TogetherStates.FINE_TUNE),
        new Kind(
            "Together queue",
            SPEC,
            StatusContract.documented(
                QueueCancelResponse.StatusEnum::getValue,
                QueueCancelResponse.StatusEnum.UNKNOWN_DEFAULT_OPEN_API,
                QueueCancelResponse.StatusEnum.values()),
            TogetherStates.QUEUE),
        new Kind(
            null,
            SPEC,
            StatusContract.documented(
                QueueJobStatusResponse.StatusEnum::getValue,
                QueueJobStatusResponse.StatusEnum.UNKNOWN_DEFAULT_OPEN_API,
                QueueJobStatusResponse.StatusEnum.values()),
            TogetherStates.QUEUE));
  }

  private final ProviderServer server = new ProviderServer();
  private TogetherClient together;

  @BeforeEach
  void start() {
    together =
        TogetherClient.builder()
            .apiKey("tgp_v1_test_key")
            .baseUrl(server.url("/v1"))
            .timeout(Duration.ofSeconds(5))
            .maxRetries(0)
            .build();
  }

  @AfterEach
  void stop() throws IOException {
    together.close();
    server.close();
  }

  static String batch(String id, String status) {
    return ProviderServer.resource(TogetherJobsTest.class, "/together/batch-job-example.json")
        .replace("\"01234567-8901-2345-6789-012345678901\"", "\"" + id + "\"")
        .replace("\"CANCELLED\"", "\"" + status + "\"");
  }

  static String fineTune(String id, String status) {
    return ProviderServer.resource(
            TogetherJobsTest.class, "/together/fine-tune-cancel-example.json")
        .replace("\"ft-01234567890123456789\"", "\"" + id + "\"")
        .replace("\"completed\"", "\"" + status + "\"");
  }

  @Test
  void aCreationTimeWrittenAsANumberIsNotReadWhereTextIsDocumented() throws Exception {
    server.answer(
        200,
        batch("b1", "IN_PROGRESS")
            .replace("\"created_at\": \"2024-01-15T14:30:00Z\"", "\"created_at\": 1705329000"));

    JobStatus<BatchJob> r = together.batches().status("b1");

    assertEquals(JobState.ACTIVE, r.state());
    assertEquals(java.util.Optional.empty(), r.createdAt());
  }

  @ParameterizedTest
  @CsvSource({
    "VALIDATING, ACTIVE",
    "IN_PROGRESS, ACTIVE",
    "CANCELLING, CANCELLING",
    "CANCELING, CANCELLING",
    "CANCELLED, CANCELLED",
    "COMPLETED, FINISHED",
    "FAILED, FINISHED",
    "EXPIRED, FINISHED",
    "NOT_A_STATUS_EVER, UNKNOWN"
  })
  void batchStatusReadsEachRowOfTheTable(String status, JobState state) throws Exception {
    server.answer(200, batch("b1", status));

    JobStatus<BatchJob> r = together.batches().status("b1");

    assertEquals(state, r.state());
    assertEquals(status, r.providerStatus());
    assertEquals(Instant.parse("2024-01-15T14:30:00Z"), r.createdAt().orElseThrow());
    assertEquals("GET /v1/batches/b1 HTTP/1.1", server.take().getRequestLine());
  }

  @ParameterizedTest
  @CsvSource({
    "pending, ACTIVE",
    "queued, ACTIVE",
    "running, ACTIVE",
    "compressing, ACTIVE",
    "uploading, ACTIVE",
    "cancel_requested, CANCELLING",
    "cancelled, CANCELLED",
    "completed, FINISHED",
    "error, FINISHED",
    "user_error, FINISHED",
    "not_a_status_ever, UNKNOWN"
  })
  void fineTuneStatusReadsEachRowOfTheTable(String status, JobState state) throws Exception {
    server.answer(200, fineTune("ft-1", status));

    JobStatus<FinetuneResponseTruncated> r = together.fineTunes().status("ft-1");

    assertEquals(state, r.state());
    assertEquals(status, r.providerStatus());
    assertEquals("GET /v1/fine-tunes/ft-1 HTTP/1.1", server.take().getRequestLine());
  }

  @ParameterizedTest
  @CsvSource({
    "pending, ACTIVE",
    "running, ACTIVE",
    "canceled, CANCELLED",
    "done, FINISHED",
    "failed, FINISHED",
    "not_a_status_ever, UNKNOWN"
  })
  void queueStatusReadsEachRowOfTheTable(String status, JobState state) throws Exception {
    server.answer(
        200,
        "{\"request_id\":\"req_1\",\"model\":\"m\",\"status\":\""
            + status
            + "\",\"created_at\":\"2026-11-30T09:00:00Z\"}");

    JobStatus<QueueCancelResponse> r = together.queue("m").status("req_1");

    assertEquals(state, r.state());
    assertEquals(Instant.parse("2026-11-30T09:00:00Z"), r.createdAt().orElseThrow());
    assertEquals("/v1/queue/status?request_id=req_1&model=m", server.take().getPath());
  }

  @Test
  void pendingIsCancellingForACancelAndTheNewSdkStatusesMapToo() {
    server.answer(200, "{\"status\":\"pending\"}");
    server.answer(200, batch("b1", "CANCELING"));
    server.answer(200, fineTune("ft-1", "user_error"));

    assertEquals(CancelState.CANCELLING, together.queue("m").cancel("req_1").state());
    assertEquals(CancelState.CANCELLING, together.batches().cancel("b1").state());
    assertEquals(CancelState.NOT_CANCELLABLE, together.fineTunes().cancel("ft-1").state());
  }

  @Test
  void listBatchesReadsTheBareArrayInOneAnswer() throws Exception {
    server.answer(
        200,
        IntStream.range(0, 500)
            .mapToObj(i -> batch("b" + i, i % 2 == 0 ? "IN_PROGRESS" : "COMPLETED"))
            .collect(Collectors.joining(",", "[", "]")));

    List<JobStatus<BatchJob>> all;
    try (Stream<JobStatus<BatchJob>> jobs = together.batches().list()) {
      all = jobs.collect(Collectors.toList());
    }

    assertEquals(500, all.size());
    assertEquals("b499", all.get(499).jobId());
    assertEquals(JobState.FINISHED, all.get(499).state());
    assertEquals(BatchJobStatus.IN_PROGRESS, all.get(0).job().getStatus());
    assertEquals("GET /v1/batches HTTP/1.1", server.take().getRequestLine());
    assertEquals(1, server.requestCount());
  }

  @Test
  void activeFineTunesReadsTheDataFieldAndKeepsTheLiveOnes() throws Exception {
    server.answer(
        200,
        "{\"data\":["
            + fineTune("ft-a", "running")
            + ","
            + fineTune("ft-b", "completed")
            + ","
            + fineTune("ft-c", "cancel_requested")
            + "]}");

    List<JobStatus<FinetuneResponseTruncated>> active = together.fineTunes().active();

    assertEquals(
        List.of("ft-a", "ft-c"),
        active.stream().map(JobStatus::jobId).collect(Collectors.toList()));
    assertEquals("GET /v1/fine-tunes HTTP/1.1", server.take().getRequestLine());
  }

  @Test
  void clearPostsTheModelAndReturnsTheCount() throws Exception {
    server.answer(200, "{\"canceled_count\":42}");

    long cleared = together.queue("meta-llama/Llama-3-8b").clear();

    assertEquals(42, cleared);
    RecordedRequest r = server.take();
    assertEquals("POST /v1/queue/clear HTTP/1.1", r.getRequestLine());
    assertEquals("{\"model\":\"meta-llama/Llama-3-8b\"}", r.getBody().readUtf8());
  }

  @Test
  void clearFailingIsTheUsualException() {
    server.answer(400, "{\"code\":\"invalid_model\",\"message\":\"no such model\"}");

    BadRequestException e =
        assertThrows(BadRequestException.class, () -> together.queue("m").clear());

    assertEquals("invalid_model", e.errorCode());
  }

  @Test
  void conflictOnAFinishedBatchIsNotCancellableAfterOneRead() throws Exception {
    server.answer(409, "{\"error\":\"batch already completed\"}");
    server.answer(200, batch("b1", "COMPLETED"));

    CancelResult<BatchJob> r = together.batches().cancel("b1");

    assertEquals(CancelState.NOT_CANCELLABLE, r.state());
    assertEquals(409, r.httpStatus());
    assertEquals("POST /v1/batches/b1/cancel HTTP/1.1", server.take().getRequestLine());
    assertEquals("GET /v1/batches/b1 HTTP/1.1", server.take().getRequestLine());
  }

  @Test
  void conflictOnACancelledFineTuneIsCancelled() {
    server.answer(409, "{\"error\":{\"message\":\"job already cancelled\",\"type\":\"conflict\"}}");
    server.answer(200, fineTune("ft-1", "cancelled"));

    CancelResult<FinetuneResponseTruncated> r = together.fineTunes().cancel("ft-1");

    assertEquals(CancelState.CANCELLED, r.state());
    assertEquals(409, r.httpStatus());
  }
}
