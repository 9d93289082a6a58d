package dev.cancelkit.together;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.CancelState;
import dev.cancelkit.common.ConflictException;
import dev.cancelkit.common.NotFoundException;
import dev.cancelkit.common.testing.ProviderServer;
import dev.cancelkit.together.model.BatchJob;
import dev.cancelkit.together.model.BatchJobStatus;
import dev.cancelkit.together.model.FinetuneJobStatus;
import dev.cancelkit.together.model.FinetuneResponseTruncated;
import dev.cancelkit.together.model.QueueCancelResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The three Together cancel operations against a loopback server: the wire, the parse, the state.
 */
class TogetherClientTest {
  static final String KEY = "tgp_v1_test_0123456789abcdefghij";

  private final ProviderServer server = new ProviderServer();
  private TogetherClient together;

  @BeforeEach
  void start() {
    together = TogetherClient.builder().apiKey(KEY).baseUrl(server.url("/v1")).build();
  }

  @AfterEach
  void stop() throws IOException {
    together.close();
    server.close();
  }

  static String resource(String name) {
    return ProviderServer.resource(TogetherClientTest.class, "/together/" + name);
  }

  private RecordedRequest taken() throws InterruptedException {
    RecordedRequest r = server.take();
    assertEquals("Bearer " + KEY, r.getHeader("Authorization"));
    assertTrue(
        r.getHeader("User-Agent").startsWith("cancelkit/0.1.0-SNAPSHOT (together; Java "),
        r.getHeader("User-Agent"));
    return r;
  }

  // --- queue
  // -------------------------------------------------------------------------------------------------

  @Test
  void queueCancelPostsModelAndRequestId() throws Exception {
    server.answer(200, "{\"status\":\"canceled\"}");

    together.queue("meta-llama/Llama-3-8b").cancel("req_7f9c2a");

    RecordedRequest r = taken();
    assertEquals("POST", r.getMethod());
    assertEquals("/v1/queue/cancel", r.getPath());
    assertEquals("application/json", r.getHeader("Content-Type"));
    assertEquals(
        "{\"model\":\"meta-llama/Llama-3-8b\",\"request_id\":\"req_7f9c2a\"}",
        r.getBody().readUtf8());
  }

  @Test
  void queueCanceledIsCancelled() {
    server.answer(
        new MockResponse().setBody("{\"status\":\"canceled\"}").setHeader("x-request-id", "rq-1"));

    CancelResult<QueueCancelResponse> r = together.queue("m").cancel("req_1");

    assertEquals(CancelState.CANCELLED, r.state());
    assertEquals("canceled", r.providerStatus());
    assertEquals(QueueCancelResponse.StatusEnum.CANCELED, r.response().getStatus());
    assertEquals(200, r.httpStatus());
    assertEquals("req_1", r.jobId());
    assertEquals("rq-1", r.requestId().orElseThrow());
  }

  @ParameterizedTest(name = "queue {0} with HTTP {1}")
  @CsvSource({"running,200", "done,200", "failed,200", "running,409", "done,409", "failed,409"})
  void queueJobThatIsNotPendingIsNotCancellableResult(String status, int http) {
    server.answer(http, "{\"status\":\"" + status + "\"}");

    CancelResult<QueueCancelResponse> r = together.queue("m").cancel("req_1");

    assertEquals(CancelState.NOT_CANCELLABLE, r.state());
    assertEquals(status, r.providerStatus());
    assertEquals(status, r.response().getStatus().getValue());
    assertEquals(http, r.httpStatus());
  }

  @Test
  void queue409WithoutStatusIsConflict() {
    server.answer(
        409,
        "{\"code\":\"conflict\",\"message\":\"request is locked\",\"type\":\"invalid_request_error\"}");

    ConflictException e =
        assertThrows(ConflictException.class, () -> together.queue("m").cancel("req_1"));

    assertEquals("request is locked", e.errorMessage());
    assertEquals("conflict", e.errorCode());
    assertEquals(1, server.requestCount());
  }

  @Test
  void queue404ReadsFlatQueueError() {
    server.answer(
        404,
        "{\"code\":\"not_found\",\"message\":\"Request not found\",\"param\":\"request_id\","
            + "\"type\":\"not_found_error\"}");

    NotFoundException e =
        assertThrows(NotFoundException.class, () -> together.queue("m").cancel("req_404"));

    assertEquals("together", e.provider());
    assertEquals("Request not found", e.errorMessage());
    assertEquals("not_found", e.errorCode());
    assertEquals("request_id", e.param());
    assertEquals("not_found_error", e.errorType());
  }

  @Test
  void queueUnknownStatusIsUnknownWithText() {
    server.answer(200, "{\"status\":\"not_a_status_ever\"}");

    CancelResult<QueueCancelResponse> r = together.queue("m").cancel("req_1");

    assertEquals(CancelState.UNKNOWN, r.state());
    assertEquals("not_a_status_ever", r.providerStatus());
    assertEquals(QueueCancelResponse.StatusEnum.UNKNOWN_DEFAULT_OPEN_API, r.response().getStatus());
  }

  @Test
  void queueStatusIsComparedCaseInsensitively() {
    server.answer(200, "{\"status\":\"CANCELED\"}");

    assertEquals(CancelState.CANCELLED, together.queue("m").cancel("req_1").state());
  }

  @Test
  void queueNeedsAModel() {
    assertThrows(IllegalArgumentException.class, () -> together.queue(null));
    assertThrows(IllegalArgumentException.class, () -> together.queue("  "));
    assertEquals(0, server.requestCount());
  }

  // --- batches
  // -----------------------------------------------------------------------------------------------

  @Test
  void batchCancelPostsToItsPathWithNoBody() throws Exception {
    server.answer(200, resource("batch-job-example.json"));

    together.batches().cancel("batch_job_abc123def456");

    RecordedRequest r = taken();
    assertEquals("POST", r.getMethod());
    assertEquals("/v1/batches/batch_job_abc123def456/cancel", r.getPath());
    assertEquals(0, r.getBodySize());
  }

  @Test
  void batchParsesTheDocumentedExample() {
    server.answer(200, resource("batch-job-example.json"));

    CancelResult<BatchJob> r = together.batches().cancel("01234567-8901-2345-6789-012345678901");

    BatchJob b = r.response();
    assertEquals(CancelState.CANCELLED, r.state());
    assertEquals("CANCELLED", r.providerStatus());
    assertEquals(BatchJobStatus.CANCELLED, b.getStatus());
    assertEquals("01234567-8901-2345-6789-012345678901", b.getId());
    assertEquals("user_789xyz012", b.getUserId());
    assertEquals("file-input123abc456def", b.getInputFileId());
    assertEquals(1048576L, b.getFileSizeBytes());
    assertEquals(OffsetDateTime.parse("2024-01-15T15:30:00Z"), b.getJobDeadline());
    assertEquals(OffsetDateTime.parse("2024-01-15T14:30:00Z"), b.getCreatedAt());
    assertEquals("/v1/chat/completions", b.getEndpoint());
    assertEquals(75.0, b.getProgress());
    assertEquals("meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo", b.getModelId());
    assertEquals("file-output789xyz012ghi", b.getOutputFileId());
    assertEquals("file-errors456def789jkl", b.getErrorFileId());
    assertNull(b.getError());
    assertEquals(OffsetDateTime.parse("2024-01-15T15:45:30Z"), b.getCompletedAt());
  }

  @ParameterizedTest(name = "batch {0} is {1}")
  @CsvSource({
    "CANCELLED,CANCELLED",
    "VALIDATING,CANCELLING",
    "IN_PROGRESS,CANCELLING",
    "COMPLETED,NOT_CANCELLABLE",
    "FAILED,NOT_CANCELLABLE",
    "EXPIRED,NOT_CANCELLABLE",
    "NOT_A_STATUS_EVER,UNKNOWN",
    "cancelled,CANCELLED"
  })
  void batchStatusMapsToState(String status, CancelState state) {
    server.answer(200, "{\"id\":\"b1\",\"status\":\"" + status + "\"}");

    CancelResult<BatchJob> r = together.batches().cancel("b1");

    assertEquals(state, r.state());
    assertEquals(status, r.providerStatus());
  }

  @Test
  void batch404ReadsTheBatchErrorShape() {
    server.answer(404, "{\"error\":\"batch job not found\"}");

    NotFoundException e =
        assertThrows(NotFoundException.class, () -> together.batches().cancel("nope"));

    assertEquals("batch job not found", e.errorMessage());
    assertNull(e.errorCode());
    assertEquals("{\"error\":\"batch job not found\"}", e.rawBody());
  }

  // --- fine-tunes
  // --------------------------------------------------------------------------------------------

  @Test
  void fineTuneCancelPostsToItsPathWithNoBody() throws Exception {
    server.answer(200, resource("fine-tune-cancel-example.json"));

    together.fineTunes().cancel("ft-01234567890123456789");

    RecordedRequest r = taken();
    assertEquals("POST", r.getMethod());
    assertEquals("/v1/fine-tunes/ft-01234567890123456789/cancel", r.getPath());
    assertEquals(0, r.getBodySize());
  }

  @Test
  void fineTuneParsesTheDocumentedExample() {
    server.answer(200, resource("fine-tune-cancel-example.json"));

    CancelResult<FinetuneResponseTruncated> r =
        together.fineTunes().cancel("ft-01234567890123456789");

    FinetuneResponseTruncated f = r.response();
    assertEquals(CancelState.NOT_CANCELLABLE, r.state());
    assertEquals("completed", r.providerStatus());
    assertEquals("ft-01234567890123456789", f.getId());
    assertEquals(FinetuneJobStatus.COMPLETED, f.getStatus());
    assertEquals(OffsetDateTime.parse("2023-05-17T17:35:45.123Z"), f.getCreatedAt());
    assertEquals(OffsetDateTime.parse("2023-05-17T18:46:23.456Z"), f.getUpdatedAt());
    assertEquals("user_01234567890123456789", f.getUserId());
    assertEquals("user@example.com", f.getOwnerAddress());
    assertEquals(1500L, f.getTotalPrice());
    assertEquals(850000L, f.getTokenCount());
    assertTrue(f.getEvents().isEmpty());
    assertEquals("meta-llama/Llama-2-7b-hf", f.getModel());
    assertEquals("mynamespace/meta-llama/Llama-2-7b-hf-32162631", f.getModelOutputName());
    assertEquals(3L, f.getnEpochs());
    assertEquals("file-01234567890123456789", f.getTrainingFile());
    assertEquals("my-finetune-project", f.getWandbProjectName());
    assertNull(f.getTrainingType());
    assertNull(f.getTrainingMethod());
  }

  @ParameterizedTest(name = "fine-tune {0} is {1}")
  @CsvSource({
    "cancelled,CANCELLED",
    "cancel_requested,CANCELLING",
    "pending,CANCELLING",
    "queued,CANCELLING",
    "running,CANCELLING",
    "compressing,CANCELLING",
    "uploading,CANCELLING",
    "completed,NOT_CANCELLABLE",
    "error,NOT_CANCELLABLE",
    "not_a_status_ever,UNKNOWN"
  })
  void fineTuneStatusMapsToState(String status, CancelState state) {
    server.answer(
        200,
        "{\"id\":\"ft-1\",\"status\":\""
            + status
            + "\",\"created_at\":\"2023-05-17T17:35:45.123Z\","
            + "\"updated_at\":\"2023-05-17T18:46:23.456Z\"}");

    CancelResult<FinetuneResponseTruncated> r = together.fineTunes().cancel("ft-1");

    assertEquals(state, r.state());
    assertEquals(status, r.providerStatus());
  }

  @Test
  void fineTune404ReadsTheOpenAiErrorShape() {
    server.answer(
        404,
        "{\"error\":{\"message\":\"Fine-tune ID not found\",\"type\":\"invalid_request_error\","
            + "\"param\":null,\"code\":null}}");

    NotFoundException e =
        assertThrows(NotFoundException.class, () -> together.fineTunes().cancel("ft-x"));

    assertEquals("Fine-tune ID not found", e.errorMessage());
    assertEquals("invalid_request_error", e.errorType());
    assertNull(e.param());
    assertNull(e.errorCode());
  }

  @Test
  void keyNeverAppearsInResultsOrErrors() {
    server.answer(403, "{\"message\":\"forbidden\"}");
    server.answer(200, "{\"status\":\"canceled\"}");

    RuntimeException e = assertThrows(RuntimeException.class, () -> together.batches().cancel("b"));
    CancelResult<QueueCancelResponse> r = together.queue("m").cancel("req");

    assertFalse(e.getMessage().contains(KEY));
    assertFalse(String.valueOf(e).contains(KEY));
    assertFalse(r.toString().contains(KEY));
    assertFalse(together.toString().contains(KEY));
    assertInstanceOf(dev.cancelkit.common.PermissionDeniedException.class, e);
  }

  // --- waiting
  // ----------------------------------------------------------------------------------------------

  @Test
  void queueWaitReadsQueueStatusWithRequestIdAndModel() throws Exception {
    server.answer(200, "{\"status\":\"pending\"}");
    server.answer(
        200,
        "{\"request_id\":\"req_1\",\"model\":\"meta-llama/Llama-3-8b\",\"status\":\"canceled\","
            + "\"priority\":0,\"retries\":0,\"info\":{\"progress\":0.5}}");

    CancelResult<QueueCancelResponse> r =
        together.queue("meta-llama/Llama-3-8b").cancelAndAwait("req_1", Duration.ofSeconds(30));

    assertEquals(CancelState.CANCELLED, r.state());
    assertEquals(QueueCancelResponse.StatusEnum.CANCELED, r.response().getStatus());
    assertEquals("POST /v1/queue/cancel HTTP/1.1", server.take().getRequestLine());
    RecordedRequest read = server.take();
    assertEquals("GET", read.getMethod());
    assertEquals("/v1/queue/status?request_id=req_1&model=meta-llama%2FLlama-3-8b", read.getPath());
  }

  @Test
  void batchWaitReadsTheBatch() throws Exception {
    server.answer(200, "{\"id\":\"b1\",\"status\":\"IN_PROGRESS\"}");
    server.answer(200, resource("batch-job-example.json"));

    CancelResult<BatchJob> r = together.batches().cancelAndAwait("b1", Duration.ofSeconds(30));

    assertEquals(CancelState.CANCELLED, r.state());
    assertEquals(1048576L, r.response().getFileSizeBytes());
    server.take();
    assertEquals("GET /v1/batches/b1 HTTP/1.1", server.take().getRequestLine());
  }

  @Test
  void fineTuneWaitReadsTheFullResponseIntoTheTruncatedModel() throws Exception {
    server.answer(200, "{\"id\":\"ft-1\",\"status\":\"cancel_requested\"}");
    server.answer(
        200,
        "{\"id\":\"ft-1\",\"status\":\"cancelled\",\"batch_size\":\"max\",\"train_on_inputs\":\"auto\","
            + "\"queue_depth\":3,\"epochs_completed\":1,\"model\":\"meta-llama/Llama-2-7b-hf\"}");

    CancelResult<FinetuneResponseTruncated> r =
        together.fineTunes().cancelAndAwait("ft-1", Duration.ofSeconds(30));

    assertEquals(CancelState.CANCELLED, r.state());
    assertEquals(200, r.httpStatus());
    assertEquals("meta-llama/Llama-2-7b-hf", r.response().getModel());
    assertNull(
        r.response()
            .getBatchSize()); // "max" is FinetuneResponse's; the truncated model has an integer
    server.take();
    assertEquals("GET /v1/fine-tunes/ft-1 HTTP/1.1", server.take().getRequestLine());
  }
}
