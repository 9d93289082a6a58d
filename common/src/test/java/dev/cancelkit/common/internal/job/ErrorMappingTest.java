package dev.cancelkit.common.internal.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cancelkit.common.ApiStatusException;
import dev.cancelkit.common.AuthenticationException;
import dev.cancelkit.common.BadRequestException;
import dev.cancelkit.common.ConflictException;
import dev.cancelkit.common.NotFoundException;
import dev.cancelkit.common.PermissionDeniedException;
import dev.cancelkit.common.RateLimitException;
import dev.cancelkit.common.ServerException;
import dev.cancelkit.common.UnexpectedStatusException;
import dev.cancelkit.common.UnprocessableEntityException;
import java.io.IOException;
import java.time.Duration;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every status class of API.md's error table, with every error-body shape the providers send. */
class ErrorMappingTest {
  private TestServer t;

  @BeforeEach
  void start() throws IOException {
    t = new TestServer();
  }

  @AfterEach
  void stop() throws IOException {
    t.close();
  }

  static Stream<Arguments> statuses() {
    return Stream.of(
        Arguments.of(400, BadRequestException.class),
        Arguments.of(401, AuthenticationException.class),
        Arguments.of(403, PermissionDeniedException.class),
        Arguments.of(404, NotFoundException.class),
        Arguments.of(409, ConflictException.class),
        Arguments.of(422, UnprocessableEntityException.class),
        Arguments.of(429, RateLimitException.class),
        Arguments.of(500, ServerException.class),
        Arguments.of(502, ServerException.class),
        Arguments.of(503, ServerException.class),
        Arguments.of(504, ServerException.class),
        Arguments.of(402, UnexpectedStatusException.class),
        Arguments.of(418, UnexpectedStatusException.class),
        Arguments.of(302, UnexpectedStatusException.class));
  }

  /** One body per shape, and the fields each must yield: message, code, type, param. */
  static Stream<Arguments> shapes() {
    return Stream.of(
        Arguments.of(
            "flat (Together queue, Cerebras)",
            "{\"message\":\"type: Input should be 'text'\",\"type\":\"invalid_request_error\","
                + "\"param\":\"validation_error\",\"code\":\"wrong_api_format\"}",
            new String[] {
              "type: Input should be 'text'",
              "wrong_api_format",
              "invalid_request_error",
              "validation_error"
            }),
        Arguments.of(
            "Together batch {\"error\": text}",
            "{\"error\":\"batch job not found\"}",
            new String[] {"batch job not found", null, null, null}),
        Arguments.of(
            "OpenAI-style {\"error\": {...}}",
            "{\"error\":{\"message\":\"Fine-tune ID not found\",\"type\":\"invalid_request_error\","
                + "\"param\":\"id\",\"code\":\"not_found\"}}",
            new String[] {"Fine-tune ID not found", "not_found", "invalid_request_error", "id"}),
        Arguments.of(
            "Archetype {\"errors\": [...]}, first entry wins",
            "{\"errors\":[{\"code\":\"job_not_found\",\"message\":\"Job ftj-1 does not exist\","
                + "\"suggestion\":\"List jobs to find the id\",\"error_uid\":\"err-7f3a\"},"
                + "{\"code\":\"second\",\"message\":\"ignored\"}]}",
            new String[] {"Job ftj-1 does not exist", "job_not_found", null, null}),
        Arguments.of(
            "FastAPI {\"detail\": text}",
            "{\"detail\":\"Not authenticated\"}",
            new String[] {"Not authenticated", null, null, null}),
        Arguments.of(
            "FastAPI {\"detail\": [validation errors]}",
            "{\"detail\":[{\"loc\":[\"path\",\"job_id\"],\"msg\":\"String should have at most 64 characters\","
                + "\"type\":\"string_too_long\"}]}",
            new String[] {
              "String should have at most 64 characters", null, "string_too_long", "job_id"
            }),
        Arguments.of(
            "plain text",
            "upstream connect error or disconnect/reset before headers",
            new String[] {
              "upstream connect error or disconnect/reset before headers", null, null, null
            }),
        Arguments.of(
            "HTML page",
            "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n"
                + "</body>\n</html>",
            new String[] {
              "<html> <head><title>502 Bad Gateway</title></head> <body> <center><h1>502 Bad Gateway</h1>"
                  + "</center> </body> </html>",
              null,
              null,
              null
            }),
        Arguments.of("empty", "", new String[] {null, null, null, null}),
        Arguments.of(
            "JSON of no known shape",
            "{\"oops\":true}",
            new String[] {"{\"oops\":true}", null, null, null}));
  }

  static Stream<Arguments> statusesTimesShapes() {
    return statuses()
        .flatMap(
            s ->
                shapes()
                    .map(
                        b ->
                            Arguments.of(
                                s.get()[0], s.get()[1], b.get()[0], b.get()[1], b.get()[2])));
  }

  @ParameterizedTest(name = "{0} with {2}")
  @MethodSource("statusesTimesShapes")
  void everyStatusWithEveryBodyShape(
      int status,
      Class<? extends ApiStatusException> type,
      String shape,
      String body,
      String[] fields) {
    t.server.enqueue(
        new MockResponse()
            .setResponseCode(status)
            .setHeader("x-request-id", "req-42")
            .setBody(body));
    if (status == 409) { // the read a 409 leads to: answered, so the test does not wait for it
      t.server.enqueue(new MockResponse().setResponseCode(404).setBody("{}"));
    }

    ApiStatusException e = assertThrows(type, () -> t.jobs.cancel("job-1"));

    assertEquals(status, e.statusCode());
    assertEquals("testprov", e.provider());
    assertEquals(fields[0], e.errorMessage(), "message");
    assertEquals(fields[1], e.errorCode(), "code");
    assertEquals(fields[2], e.errorType(), "type");
    assertEquals(fields[3], e.param(), "param");
    assertEquals("req-42", e.requestId().orElseThrow());
    assertEquals(body, e.rawBody());
    assertTrue(
        e.getMessage().startsWith("testprov answered HTTP " + status + ": "), e.getMessage());
  }

  @Test
  void requestIdFallsBackToRequestIdHeader() {
    t.server.enqueue(
        new MockResponse().setResponseCode(404).setHeader("request-id", "r-2").setBody("{}"));

    NotFoundException e = assertThrows(NotFoundException.class, () -> t.jobs.cancel("job-1"));

    assertEquals("r-2", e.requestId().orElseThrow());
  }

  @Test
  void messageNamesProviderStatusMessageAndFields() {
    t.enqueue(
        404,
        "{\"error\":{\"message\":\"No such job\",\"type\":\"invalid_request_error\",\"code\":\"nf\"}}");

    NotFoundException e = assertThrows(NotFoundException.class, () -> t.jobs.cancel("job-1"));

    assertEquals(
        "testprov answered HTTP 404: No such job (code: nf, type: invalid_request_error)",
        e.getMessage());
  }

  @Test
  void rateLimitCarriesRetryAfterSeconds() {
    t.server.enqueue(
        new MockResponse().setResponseCode(429).setHeader("Retry-After", "7").setBody("{}"));

    RateLimitException e = assertThrows(RateLimitException.class, () -> t.jobs.cancel("job-1"));

    assertEquals(Duration.ofSeconds(7), e.retryAfter().orElseThrow());
  }

  @Test
  void rateLimitPrefersRetryAfterMs() {
    t.server.enqueue(
        new MockResponse()
            .setResponseCode(429)
            .setHeader("Retry-After", "7")
            .setHeader("retry-after-ms", "1500")
            .setBody("{}"));

    RateLimitException e = assertThrows(RateLimitException.class, () -> t.jobs.cancel("job-1"));

    assertEquals(Duration.ofMillis(1500), e.retryAfter().orElseThrow());
  }

  @Test
  void rateLimitWithoutRetryAfterHasNone() {
    t.enqueue(429, "{\"message\":\"slow down\"}");

    RateLimitException e = assertThrows(RateLimitException.class, () -> t.jobs.cancel("job-1"));

    assertFalse(e.retryAfter().isPresent());
    assertEquals("slow down", e.errorMessage());
  }

  @Test
  void rawBodyIsCutAtEightKibibytes() {
    String body = "{\"message\":\"" + "x".repeat(20_000) + "\"}";
    t.enqueue(500, body);

    ServerException e = assertThrows(ServerException.class, () -> t.jobs.cancel("job-1"));

    assertEquals(ApiStatusException.MAX_RAW_BODY_BYTES, e.rawBody().length());
    assertEquals(body.substring(0, 200) + "...", e.errorMessage()); // cut JSON is read as text
  }

  @Test
  void errorBodyEchoingTheKeyIsRedacted() {
    t.enqueue(401, "{\"message\":\"bad key Bearer " + TestServer.KEY + "\"}");

    AuthenticationException e =
        assertThrows(AuthenticationException.class, () -> t.jobs.cancel("job-1"));

    assertEquals("bad key Bearer [redacted]", e.errorMessage());
    assertFalse(e.getMessage().contains(TestServer.KEY));
    assertFalse(e.rawBody().contains(TestServer.KEY));
  }

  @Test
  void numericCodeIsText() {
    t.enqueue(400, "{\"error\":{\"message\":\"bad\",\"code\":400}}");

    BadRequestException e = assertThrows(BadRequestException.class, () -> t.jobs.cancel("job-1"));

    assertEquals("400", e.errorCode());
  }

  @Test
  void errorsWithoutMessageStillGivesCode() {
    t.enqueue(404, "{\"errors\":[{\"code\":\"NOT_FOUND\"}]}");

    NotFoundException e = assertThrows(NotFoundException.class, () -> t.jobs.cancel("job-1"));

    assertNull(e.errorMessage());
    assertEquals("NOT_FOUND", e.errorCode());
    assertInstanceOf(ApiStatusException.class, e);
  }
}
