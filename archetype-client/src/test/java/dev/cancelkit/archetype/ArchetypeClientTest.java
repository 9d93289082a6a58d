package dev.cancelkit.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cancelkit.archetype.model.FineTuneDataset;
import dev.cancelkit.archetype.model.FineTuneJob;
import dev.cancelkit.archetype.model.FineTuneJobStatus;
import dev.cancelkit.common.AuthenticationException;
import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.CancelState;
import dev.cancelkit.common.ConflictException;
import dev.cancelkit.common.NotFoundException;
import dev.cancelkit.common.testing.ProviderServer;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Archetype's fine-tune cancel against a loopback server: the wire, the documented example, the
 * state rows.
 */
class ArchetypeClientTest {
  static final String KEY = "atai-test-0123456789abcdefghijklmnop";

  private final ProviderServer server = new ProviderServer();
  private ArchetypeClient archetype;

  @BeforeEach
  void start() {
    archetype = ArchetypeClient.builder().apiKey(KEY).baseUrl(server.url("/v0.5")).build();
  }

  @AfterEach
  void stop() throws IOException {
    archetype.close();
    server.close();
  }

  private static String resource(String name) {
    return ProviderServer.resource(ArchetypeClientTest.class, "/archetype/" + name);
  }

  @Test
  void cancelPutsToTheJobsCancelPathWithNoBody() throws Exception {
    server.answer(200, resource("cancel-example.json"));

    archetype.fineTuneJobs().cancel("ftj-my-finetune-run-3de60a5c");

    RecordedRequest r = server.take();
    assertEquals("PUT", r.getMethod());
    assertEquals("/v0.5/fine-tune/jobs/ftj-my-finetune-run-3de60a5c/cancel", r.getPath());
    assertEquals(0, r.getBodySize());
    assertEquals("Bearer " + KEY, r.getHeader("Authorization"));
    assertTrue(r.getHeader("User-Agent").startsWith("cancelkit/0.1.0-SNAPSHOT (archetype; Java "));
  }

  @Test
  void documentedExampleParses() {
    server.answer(200, resource("cancel-example.json"));

    CancelResult<FineTuneJob> r = archetype.fineTuneJobs().cancel("ftj-my-finetune-run-3de60a5c");

    assertEquals(CancelState.CANCELLED, r.state());
    assertEquals("CANCELLED", r.providerStatus());
    FineTuneJob j = r.response();
    assertEquals("my-finetune-run", j.getName());
    assertEquals("ftj-my-finetune-run-3de60a5c", j.getId());
    assertEquals("8f2c1e5a-7b3d-4d9e-9c1a-2f5b7d8e4a6c", j.getUuid());
    assertEquals("0a1b2c3d-4e5f-6789-abcd-ef0123456789", j.getOrgUuid());
    assertEquals(FineTuneJobStatus.CANCELLED, j.getStatus());
    assertEquals("Newton::c2_4_7b_251215a172f6d7", j.getConfig().getModel());
    FineTuneDataset d = j.getConfig().getDatasets().get(0);
    assertEquals("training-set", d.getName());
    assertEquals(FineTuneDataset.SplitEnum.TRAIN, d.getSplit());
    assertEquals(List.of("file-abc123"), d.getFileIds());
    assertEquals(OffsetDateTime.parse("2026-04-27T14:32:18.421Z"), j.getCreatedAt());
    assertEquals(OffsetDateTime.parse("2026-04-27T14:51:33.701Z"), j.getUpdatedAt());
    assertNull(j.getInferenceConfigPath());
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "CANCELLED,CANCELLED",
    "REGISTERED,CANCELLING",
    "STARTING,CANCELLING",
    "RUNNING,CANCELLING",
    "FINALIZING,CANCELLING",
    "STOPPING,CANCELLING",
    "COMPLETED,NOT_CANCELLABLE",
    "FAILED,NOT_CANCELLABLE",
    "STOPPED,NOT_CANCELLABLE",
    "UNKNOWN,UNKNOWN",
    "NOT_A_STATUS_EVER,UNKNOWN",
    "cancelled,CANCELLED"
  })
  void statusMapsToState(String status, CancelState state) {
    server.answer(200, "{\"id\":\"ftj-1\",\"status\":\"" + status + "\"}");

    CancelResult<FineTuneJob> r = archetype.fineTuneJobs().cancel("ftj-1");

    assertEquals(state, r.state());
    assertEquals(status, r.providerStatus());
  }

  @Test
  void idOfSixtyFourCharactersIsSent() throws Exception {
    server.answer(200, "{\"id\":\"x\",\"status\":\"CANCELLED\"}");

    archetype.fineTuneJobs().cancel("j".repeat(64));

    assertEquals("/v0.5/fine-tune/jobs/" + "j".repeat(64) + "/cancel", server.take().getPath());
  }

  @Test
  void idOfSixtyFiveCharactersIsRefusedBeforeSending() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> archetype.fineTuneJobs().cancel("j".repeat(65)));

    assertEquals(
        "archetype job ids are 1-64 characters; '" + "j".repeat(65) + "' has 65", e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> archetype.fineTuneJobs().cancelAsync("j".repeat(65)));
    assertThrows(IllegalArgumentException.class, () -> archetype.fineTuneJobs().cancel(""));
    assertEquals(0, server.requestCount());
  }

  @Test
  void errorsEnvelopeFillsTheFieldsFromItsFirstEntry() {
    server.answer(
        404,
        "{\"errors\":[{\"code\":\"fine_tune_job_not_found\",\"message\":\"Job ftj-x not found\","
            + "\"suggestion\":\"Check the job id\",\"error_uid\":\"err-1a2b3c\"}]}");

    NotFoundException e =
        assertThrows(NotFoundException.class, () -> archetype.fineTuneJobs().cancel("ftj-x"));

    assertEquals("archetype", e.provider());
    assertEquals("Job ftj-x not found", e.errorMessage());
    assertEquals("fine_tune_job_not_found", e.errorCode());
  }

  @Test
  void legacyDetailEnvelopeFillsTheMessage() {
    server.answer(401, "{\"detail\":\"Invalid API key\"}");

    AuthenticationException e =
        assertThrows(AuthenticationException.class, () -> archetype.fineTuneJobs().cancel("ftj-x"));

    assertEquals("Invalid API key", e.errorMessage());
  }

  @Test
  void conflictOnAFinishedJobIsNotCancellableAfterOneRead() throws Exception {
    server.answer(
        409, "{\"errors\":[{\"code\":\"invalid_state\",\"message\":\"Job already completed\"}]}");
    server.answer(200, resource("cancel-example.json").replace("\"CANCELLED\"", "\"COMPLETED\""));

    CancelResult<FineTuneJob> r = archetype.fineTuneJobs().cancel("ftj-x");

    assertEquals(CancelState.NOT_CANCELLABLE, r.state());
    assertEquals("COMPLETED", r.providerStatus());
    assertEquals(409, r.httpStatus());
    assertEquals("PUT /v0.5/fine-tune/jobs/ftj-x/cancel HTTP/1.1", server.take().getRequestLine());
    assertEquals("GET /v0.5/fine-tune/jobs/ftj-x HTTP/1.1", server.take().getRequestLine());
  }

  @Test
  void conflictOnACancelledJobIsCancelled() {
    server.answer(409, "{\"errors\":[{\"code\":\"invalid_state\",\"message\":\"Job ended\"}]}");
    server.answer(200, resource("cancel-example.json"));

    CancelResult<FineTuneJob> r = archetype.fineTuneJobs().cancel("ftj-x");

    assertEquals(CancelState.CANCELLED, r.state());
    assertEquals(409, r.httpStatus());
  }

  @Test
  void stoppingACancelledJobIsNotCancellable() {
    server.answer(409, "{\"errors\":[{\"code\":\"invalid_state\",\"message\":\"Job ended\"}]}");
    server.answer(200, resource("cancel-example.json"));

    CancelResult<FineTuneJob> r = archetype.fineTuneJobs().stop("ftj-x");

    assertEquals(CancelState.NOT_CANCELLABLE, r.state());
    assertEquals("CANCELLED", r.providerStatus());
  }

  @Test
  void conflictWhoseReadFailsIsAConflictException() {
    server.answer(
        409, "{\"errors\":[{\"code\":\"invalid_state\",\"message\":\"Job already completed\"}]}");
    server.answer(404, "{\"detail\":\"Not Found\"}");

    ConflictException e =
        assertThrows(ConflictException.class, () -> archetype.fineTuneJobs().cancel("ftj-x"));

    assertEquals("invalid_state", e.errorCode());
    assertEquals("Not Found", ((NotFoundException) e.getSuppressed()[0]).errorMessage());
    assertEquals(2, server.requestCount());
  }

  @Test
  void stopPutsToTheStopPathAndStoppingIsCancelling() throws Exception {
    server.answer(200, resource("cancel-example.json").replace("\"CANCELLED\"", "\"STOPPING\""));

    CancelResult<FineTuneJob> r = archetype.fineTuneJobs().stop("ftj-my-finetune-run-3de60a5c");

    assertEquals(CancelState.CANCELLING, r.state());
    assertEquals("STOPPING", r.providerStatus());
    RecordedRequest put = server.take();
    assertEquals(
        "PUT /v0.5/fine-tune/jobs/ftj-my-finetune-run-3de60a5c/stop HTTP/1.1",
        put.getRequestLine());
    assertEquals(0, put.getBodySize());
  }

  @ParameterizedTest(name = "stop: {0} is {1}")
  @CsvSource({
    "STOPPED,CANCELLED",
    "STOPPING,CANCELLING",
    "REGISTERED,CANCELLING",
    "STARTING,CANCELLING",
    "RUNNING,CANCELLING",
    "FINALIZING,CANCELLING",
    "COMPLETED,NOT_CANCELLABLE",
    "FAILED,NOT_CANCELLABLE",
    "CANCELLED,NOT_CANCELLABLE",
    "NOT_A_STATUS_EVER,UNKNOWN"
  })
  void stopStatusMapsToState(String status, CancelState state) {
    server.answer(200, "{\"id\":\"ftj-1\",\"status\":\"" + status + "\"}");

    assertEquals(state, archetype.fineTuneJobs().stop("ftj-1").state());
  }

  @Test
  void stopAndAwaitReadsTheJobUntilStopped() throws Exception {
    server.answer(200, "{\"id\":\"ftj-1\",\"status\":\"STOPPING\"}");
    server.answer(200, "{\"id\":\"ftj-1\",\"status\":\"STOPPED\"}");

    CancelResult<FineTuneJob> r =
        archetype.fineTuneJobs().stopAndAwait("ftj-1", Duration.ofSeconds(30));

    assertEquals(CancelState.CANCELLED, r.state());
    server.take();
    assertEquals("GET /v0.5/fine-tune/jobs/ftj-1 HTTP/1.1", server.take().getRequestLine());
  }

  @Test
  void stopOfAnOverlongIdSendsNothing() {
    assertThrows(
        IllegalArgumentException.class, () -> archetype.fineTuneJobs().stop("j".repeat(65)));
    assertEquals(0, server.requestCount());
  }
}
