package dev.cancelkit.cerebras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cancelkit.cerebras.model.Batch;
import dev.cancelkit.cerebras.model.BatchStatus;
import dev.cancelkit.common.BadRequestException;
import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.CancelState;
import dev.cancelkit.common.ConflictException;
import dev.cancelkit.common.testing.ProviderServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Cerebras's batch cancel against a loopback server: the wire, the documented example, the state
 * rows.
 */
class CerebrasClientTest {
  static final String KEY = "csk-test-0123456789abcdefghijklmnop";

  private final ProviderServer server = new ProviderServer();
  private CerebrasClient cerebras;

  @BeforeEach
  void start() {
    cerebras = CerebrasClient.builder().apiKey(KEY).baseUrl(server.url("/v1/")).build();
  }

  @AfterEach
  void stop() throws IOException {
    cerebras.close();
    server.close();
  }

  private static String resource(String name) {
    return ProviderServer.resource(CerebrasClientTest.class, "/cerebras/" + name);
  }

  @Test
  void cancelDeletesTheBatchWithNoBody() throws Exception {
    server.answer(200, resource("cancel-example.json"));

    cerebras.batches().cancel("batch_abc123");

    RecordedRequest r = server.take();
    assertEquals("DELETE", r.getMethod());
    assertEquals("/v1/batches/batch_abc123", r.getPath());
    assertEquals(0, r.getBodySize());
    assertNull(r.getHeader("Content-Type"));
    assertEquals("Bearer " + KEY, r.getHeader("Authorization"));
    assertTrue(r.getHeader("User-Agent").startsWith("cancelkit/0.1.0-SNAPSHOT (cerebras; Java "));
  }

  @Test
  void documentedExampleParsesAndItsCallingStatusIsUnknown() {
    server.answer(
        new MockResponse()
            .setBody(resource("cancel-example.json"))
            .setHeader("x-request-id", "c-1"));

    CancelResult<Batch> r = cerebras.batches().cancel("batch_abc123");

    assertEquals(CancelState.UNKNOWN, r.state());
    assertEquals("calling", r.providerStatus());
    assertEquals("c-1", r.requestId().orElseThrow());
    Batch b = r.response();
    assertEquals(BatchStatus.UNKNOWN_DEFAULT_OPEN_API, b.getStatus());
    assertEquals("batch_abc123", b.getId());
    assertEquals("batch", b.getObject());
    assertEquals("/v1/chat/completions", b.getEndpoint());
    assertNull(b.getErrors());
    assertEquals("file-abc123", b.getInputFileId());
    assertEquals("24h", b.getCompletionWindow());
    assertNull(b.getOutputFileId());
    assertNull(b.getErrorFileId());
    assertEquals(1765492780L, b.getCreatedAt());
    assertNull(b.getInProgressAt());
    assertNull(b.getExpiresAt());
    assertNull(b.getFinalizingAt());
    assertEquals(1765493188L, b.getCompletedAt());
    assertNull(b.getFailedAt());
    assertNull(b.getExpiredAt());
    assertEquals(1765492797L, b.getCancellingAt());
    assertNull(b.getCancelledAt());
    assertNull(b.getRequestCounts());
    assertNull(b.getMetadata());
  }

  @Test
  void retrieveExampleWithCountsMetadataAndStringErrorsParses() {
    server.answer(200, resource("retrieve-example.json"));

    CancelResult<Batch> r = cerebras.batches().cancel("batch_abc123");

    Batch b = r.response();
    assertEquals(CancelState.CANCELLING, r.state());
    assertEquals(BatchStatus.CANCELLING, b.getStatus());
    assertEquals(
        "Model 'llama-9000' is not supported for batch processing. Supported models: llama3.1-8b",
        b.getErrors());
    assertEquals(100L, b.getRequestCounts().getTotal());
    assertEquals(75L, b.getRequestCounts().getCompleted());
    assertEquals(2L, b.getRequestCounts().getFailed());
    assertEquals(Map.of("custom_tags", List.of("legal-review", "q3")), b.getMetadata());
    assertEquals(1766089677L, b.getExpiresAt());
    assertEquals("file-out456", b.getOutputFileId());
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "cancelled,CANCELLED",
    "cancelling,CANCELLING",
    "validating,CANCELLING",
    "queued,CANCELLING",
    "in_progress,CANCELLING",
    "finalizing,CANCELLING",
    "completed,NOT_CANCELLABLE",
    "failed,NOT_CANCELLABLE",
    "expired,NOT_CANCELLABLE",
    "not_a_status_ever,UNKNOWN",
    "CANCELLED,CANCELLED"
  })
  void statusMapsToState(String status, CancelState state) {
    server.answer(200, "{\"id\":\"batch_1\",\"object\":\"batch\",\"status\":\"" + status + "\"}");

    CancelResult<Batch> r = cerebras.batches().cancel("batch_1");

    assertEquals(state, r.state());
    assertEquals(status, r.providerStatus());
  }

  @Test
  void flatErrorBodyFillsTheFields() {
    server.answer(
        400,
        "{\"message\":\"type: Input should be 'text'\",\"type\":\"invalid_request_error\","
            + "\"param\":\"validation_error\",\"code\":\"wrong_api_format\"}");

    BadRequestException e =
        assertThrows(BadRequestException.class, () -> cerebras.batches().cancel("batch_1"));

    assertEquals("cerebras", e.provider());
    assertEquals("type: Input should be 'text'", e.errorMessage());
    assertEquals("invalid_request_error", e.errorType());
    assertEquals("validation_error", e.param());
    assertEquals("wrong_api_format", e.errorCode());
  }

  @Test
  void conflictOnAFinishedBatchIsNotCancellableAfterOneRead() throws Exception {
    server.answer(
        409, "{\"message\":\"batch already completed\",\"type\":\"invalid_request_error\"}");
    server.answer(200, "{\"id\":\"batch_1\",\"object\":\"batch\",\"status\":\"completed\"}");

    CancelResult<Batch> r = cerebras.batches().cancel("batch_1");

    assertEquals(CancelState.NOT_CANCELLABLE, r.state());
    assertEquals("completed", r.providerStatus());
    assertEquals(409, r.httpStatus());
    assertEquals("DELETE /v1/batches/batch_1 HTTP/1.1", server.take().getRequestLine());
    assertEquals("GET /v1/batches/batch_1 HTTP/1.1", server.take().getRequestLine());
  }

  @Test
  void conflictWhoseReadFailsIsAConflictException() {
    server.answer(409, "{\"message\":\"batch already completed\"}");
    server.answer(401, "{\"message\":\"bad key\"}");

    ConflictException e =
        assertThrows(ConflictException.class, () -> cerebras.batches().cancel("batch_1"));

    assertEquals("batch already completed", e.errorMessage());
    assertEquals(1, e.getSuppressed().length);
  }

  @Test
  void waitRetrievesTheBatchUntilCancelled() throws Exception {
    server.answer(200, "{\"id\":\"batch_1\",\"status\":\"cancelling\"}");
    server.answer(200, "{\"id\":\"batch_1\",\"status\":\"cancelled\",\"cancelled_at\":1766003500}");

    CancelResult<Batch> r = cerebras.batches().cancelAndAwait("batch_1", Duration.ofSeconds(30));

    assertEquals(CancelState.CANCELLED, r.state());
    assertEquals(1766003500L, r.response().getCancelledAt());
    assertEquals("DELETE /v1/batches/batch_1 HTTP/1.1", server.take().getRequestLine());
    assertEquals("GET /v1/batches/batch_1 HTTP/1.1", server.take().getRequestLine());
  }
}
