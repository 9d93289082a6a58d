package dev.cancelkit.common.internal.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.CancelState;
import dev.cancelkit.common.ConflictException;
import dev.cancelkit.common.InvalidResponseException;
import dev.cancelkit.common.ServerException;
import dev.cancelkit.common.TransportException;
import java.io.IOException;
import java.time.OffsetDateTime;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** 2xx answers, hostile bodies and broken connections through the one response mapper. */
class ResponseMappingTest {
  private TestServer t;

  @BeforeEach
  void start() throws IOException {
    t = TestServer.with().resultStatuses(409).start();
  }

  @AfterEach
  void stop() throws IOException {
    t.close();
  }

  @Test
  void okBodyBecomesResult() {
    t.server.enqueue(
        new MockResponse()
            .setHeader("x-request-id", "abc")
            .setBody(
                "{\"id\":\"job-1\",\"status\":\"cancelling\",\"created_at\":\"2026-04-27T14:32:18.421000Z\"}"));

    CancelResult<TestJob> r = t.jobs.cancel("job-1");

    assertEquals(CancelState.CANCELLING, r.state());
    assertEquals("cancelling", r.providerStatus());
    assertEquals(TestJob.Status.CANCELLING, r.response().getStatus());
    assertEquals(OffsetDateTime.parse("2026-04-27T14:32:18.421Z"), r.response().getCreatedAt());
    assertEquals(200, r.httpStatus());
    assertEquals("abc", r.requestId().orElseThrow());
  }

  @Test
  void unknownFieldsAreIgnored() {
    t.enqueue(
        200,
        "{\"status\":\"cancelled\",\"new\":{\"deep\":[1,{\"x\":null}]},\"id\":\"j\",\"flag\":true}");

    CancelResult<TestJob> r = t.jobs.cancel("j");

    assertEquals(CancelState.CANCELLED, r.state());
    assertEquals("j", r.response().getId());
  }

  @Test
  void unknownStatusIsUnknownWithItsText() {
    t.enqueue(200, "{\"status\":\"calling\"}");

    CancelResult<TestJob> r = t.jobs.cancel("j");

    assertEquals(CancelState.UNKNOWN, r.state());
    assertEquals("calling", r.providerStatus());
    assertEquals(TestJob.Status.UNKNOWN_DEFAULT_OPEN_API, r.response().getStatus());
  }

  @Test
  void documentedResultStatusIsAResult() {
    t.enqueue(409, "{\"status\":\"completed\"}");

    CancelResult<TestJob> r = t.jobs.cancel("j");

    assertEquals(CancelState.NOT_CANCELLABLE, r.state());
    assertEquals(409, r.httpStatus());
  }

  @Test
  void documentedResultStatusWithAnErrorBodyIsAnError() {
    t.enqueue(409, "{\"message\":\"locked\",\"code\":\"conflict\"}");

    ConflictException e = assertThrows(ConflictException.class, () -> t.jobs.cancel("j"));

    assertEquals("locked", e.errorMessage());
  }

  @Test
  void emptyBodyIsInvalid() {
    t.enqueue(200, "");

    InvalidResponseException e =
        assertThrows(InvalidResponseException.class, () -> t.jobs.cancel("j"));

    assertEquals("testprov answered HTTP 200 with an empty body", e.getMessage());
  }

  @Test
  void malformedJsonIsInvalid() {
    t.enqueue(200, "{\"status\":\"cancelled\",");

    InvalidResponseException e =
        assertThrows(InvalidResponseException.class, () -> t.jobs.cancel("j"));

    assertTrue(
        e.getMessage().startsWith("testprov answered HTTP 200 with a body that is not a TestJob"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("body starts: {\"status\":\"cancelled\","), e.getMessage());
  }

  @Test
  void jsonArrayIsInvalid() {
    t.enqueue(200, "[{\"status\":\"cancelled\"}]");

    InvalidResponseException e =
        assertThrows(InvalidResponseException.class, () -> t.jobs.cancel("j"));

    assertTrue(
        e.getMessage()
            .startsWith(
                "testprov answered HTTP 200 with JSON BEGIN_ARRAY where a TestJob object"
                    + " belongs"),
        e.getMessage());
  }

  @Test
  void jsonStringIsInvalid() {
    t.enqueue(200, "\"cancelled\"");

    assertThrows(InvalidResponseException.class, () -> t.jobs.cancel("j"));
  }

  @Test
  void fieldOfWrongTypeIsInvalid() {
    t.enqueue(200, "{\"status\":\"cancelled\",\"created_at\":12345}");

    InvalidResponseException e =
        assertThrows(InvalidResponseException.class, () -> t.jobs.cancel("j"));

    assertTrue(e.getMessage().contains("$.created_at"), e.getMessage());
  }

  @Test
  void missingStatusIsInvalid() {
    t.enqueue(200, "{\"id\":\"j\"}");

    InvalidResponseException e =
        assertThrows(InvalidResponseException.class, () -> t.jobs.cancel("j"));

    assertTrue(
        e.getMessage().startsWith("testprov answered HTTP 200 with a TestJob without a status"),
        e.getMessage());
  }

  @Test
  void nonStringStatusIsInvalid() {
    t.enqueue(200, "{\"status\":3}");

    assertThrows(InvalidResponseException.class, () -> t.jobs.cancel("j"));
  }

  @Test
  void trailingDataIsInvalid() {
    t.enqueue(200, "{\"status\":\"cancelled\"}{\"status\":\"cancelled\"}");

    assertThrows(InvalidResponseException.class, () -> t.jobs.cancel("j"));
  }

  @Test
  void htmlOkPageIsInvalid() {
    t.server.enqueue(
        new MockResponse()
            .setHeader("Content-Type", "text/html")
            .setBody("<!doctype html><html><body>Maintenance</body></html>"));

    InvalidResponseException e =
        assertThrows(InvalidResponseException.class, () -> t.jobs.cancel("j"));

    assertTrue(
        e.getMessage()
            .endsWith("body starts: <!doctype html><html><body>Maintenance</body></html>"),
        e.getMessage());
  }

  @Test
  void htmlBadGatewayIsServerExceptionWithItsText() {
    t.server.enqueue(
        new MockResponse()
            .setResponseCode(502)
            .setHeader("Content-Type", "text/html")
            .setBody("<html><head><title>502 Bad Gateway</title></head></html>"));

    ServerException e = assertThrows(ServerException.class, () -> t.jobs.cancel("j"));

    assertEquals("<html><head><title>502 Bad Gateway</title></head></html>", e.errorMessage());
    assertEquals(502, e.statusCode());
  }

  @Test
  void bodyCutShortIsTransport() {
    t.server.enqueue(
        new MockResponse()
            .setBody("{\"status\":\"cancelled\",\"id\":\"a-long-id\"}")
            .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));

    TransportException e = assertThrows(TransportException.class, () -> t.jobs.cancel("j"));

    assertTrue(
        e.getMessage()
            .startsWith("testprov: POST " + t.server.url("/v1/jobs/j/cancel") + " failed: "),
        e.getMessage());
    assertTrue(e.getCause().toString().startsWith("java."), e.getCause().toString());
    assertTrue(e.requestSent());
  }

  @Test
  void connectionDroppedBeforeAnswerIsTransport() {
    t.server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));

    assertThrows(TransportException.class, () -> t.jobs.cancel("j"));
  }

  @Test
  void nothingListeningIsTransport() throws IOException {
    String url = t.server.url("/v1").toString();
    t.server.shutdown();

    TransportException e = assertThrows(TransportException.class, () -> t.jobs.cancel("j"));

    assertTrue(e.getMessage().contains(url), e.getMessage());
  }
}
