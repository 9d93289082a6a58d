package dev.cancelkit.common.internal.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cancelkit.common.ApiStatusException;
import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.CancelState;
import dev.cancelkit.common.RateLimitException;
import dev.cancelkit.common.TransportException;
import dev.cancelkit.common.testing.FakeTimer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What is sent again, how often, after how long, and what comes out when retries run out: the fault
 * matrix, run once through {@code cancel} and once through {@code cancelAsync}.
 */
@ParameterizedClass(name = "async={0}")
@ValueSource(booleans = {false, true})
class RetryTest {
  @Parameter boolean async;

  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  private final FakeTimer timer = new FakeTimer();
  private TestServer t;

  private TestServer server(int maxRetries) throws IOException {
    t =
        TestServer.with()
            .resultStatuses(409)
            .maxRetries(maxRetries)
            .timer(timer)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .start();
    return t;
  }

  @AfterEach
  void stop() throws IOException {
    t.close();
  }

  /** The call under test, blocking or async; the async one's failure is rethrown as it is. */
  private CancelResult<TestJob> cancel() {
    if (!async) {
      return t.jobs.cancel("j");
    }
    try {
      return t.jobs.cancelAsync("j").get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw (RuntimeException) e.getCause();
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError(e);
    }
  }

  private static MockResponse ok() {
    return new MockResponse().setBody("{\"status\":\"cancelled\"}");
  }

  private static MockResponse status(int code) {
    return new MockResponse().setResponseCode(code).setBody("{\"message\":\"busy " + code + "\"}");
  }

  private static void assertFirstBackoff(Duration wait) {
    assertTrue(
        wait.compareTo(Duration.ofMillis(375)) >= 0 && wait.compareTo(Duration.ofMillis(500)) <= 0,
        wait.toString());
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 429, 500, 502, 503, 504})
  void retryableStatusThenSuccessIsTheSuccess(int code) throws Exception {
    server(2).server.enqueue(status(code));
    t.server.enqueue(ok());

    CancelResult<TestJob> r = cancel();

    assertEquals(CancelState.CANCELLED, r.state());
    assertEquals(2, t.server.getRequestCount());
    assertEquals(1, timer.waits.size());
    assertFirstBackoff(timer.waits.get(0));
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 429, 500, 502, 503, 504})
  void retryableStatusForeverGivesUpAfterMaxRetriesPlusOne(int code) throws Exception {
    server(2);
    for (int i = 0; i < 5; i++) {
      t.server.enqueue(status(code));
    }

    ApiStatusException e = assertThrows(ApiStatusException.class, () -> cancel());

    assertEquals(code, e.statusCode());
    assertEquals("busy " + code, e.errorMessage());
    assertTrue(e.getMessage().endsWith("; gave up after 3 attempts"), e.getMessage());
    assertEquals(3, t.server.getRequestCount());
    assertEquals(2, timer.waits.size());
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 405, 410, 413, 418, 422, 501, 505})
  void otherStatusesAreNeverRetried(int code) throws Exception {
    server(2).server.enqueue(status(code));

    ApiStatusException e = assertThrows(ApiStatusException.class, () -> cancel());

    assertEquals(code, e.statusCode());
    assertEquals(1, t.server.getRequestCount());
    assertTrue(timer.waits.isEmpty());
  }

  @Test
  void conflictIsNeverRetried() throws Exception {
    server(2)
        .server
        .enqueue(new MockResponse().setResponseCode(409).setBody("{\"message\":\"locked\"}"));

    assertThrows(ApiStatusException.class, () -> cancel());

    assertEquals(1, t.server.getRequestCount()); // a 409 whose body is not the result: no read
  }

  @Test
  void eachAttemptCarriesItsNumber() throws Exception {
    server(2).server.enqueue(status(503));
    t.server.enqueue(status(503));
    t.server.enqueue(ok());

    cancel();

    for (int attempt = 1; attempt <= 3; attempt++) {
      assertEquals(
          Integer.toString(attempt), t.server.takeRequest().getHeader("X-Cancelkit-Attempt"));
    }
  }

  @Test
  void backoffDoublesUpToEightSeconds() throws Exception {
    server(7);
    for (int i = 0; i < 8; i++) {
      t.server.enqueue(status(500));
    }

    assertThrows(ApiStatusException.class, () -> cancel());

    List<Long> bases = List.of(500L, 1000L, 2000L, 4000L, 8000L, 8000L, 8000L);
    assertEquals(7, timer.waits.size());
    for (int i = 0; i < bases.size(); i++) {
      long waited = timer.waits.get(i).toMillis();
      assertTrue(waited <= bases.get(i) && waited >= bases.get(i) * 3 / 4, i + ": " + waited);
    }
  }

  @Test
  void retryAfterSecondsIsWaitedFor() throws Exception {
    server(2).server.enqueue(status(429).setHeader("Retry-After", "3"));
    t.server.enqueue(ok());

    cancel();

    assertEquals(List.of(Duration.ofSeconds(3)), timer.waits);
  }

  @Test
  void retryAfterHttpDateIsWaitedFor() throws Exception {
    server(2).server.enqueue(status(503).setHeader("Retry-After", "Sun, 22 Nov 2026 12:00:07 GMT"));
    t.server.enqueue(ok());

    cancel();

    assertEquals(List.of(Duration.ofSeconds(7)), timer.waits);
  }

  @Test
  void retryAfterMsIsWaitedFor() throws Exception {
    server(2).server.enqueue(status(429).setHeader("retry-after-ms", "2500"));
    t.server.enqueue(ok());

    cancel();

    assertEquals(List.of(Duration.ofMillis(2500)), timer.waits);
  }

  @Test
  void retryAfterShorterThanTheBackoffWaitsTheBackoff() throws Exception {
    server(2).server.enqueue(status(429).setHeader("Retry-After", "0"));
    t.server.enqueue(ok());

    cancel();

    assertFirstBackoff(timer.waits.get(0));
  }

  @Test
  void retryAfterOverSixtySecondsFailsAtOnce() throws Exception {
    server(2).server.enqueue(status(429).setHeader("Retry-After", "120"));

    RateLimitException e = assertThrows(RateLimitException.class, () -> cancel());

    assertEquals(Duration.ofSeconds(120), e.retryAfter().orElseThrow());
    assertEquals(1, t.server.getRequestCount());
    assertTrue(timer.waits.isEmpty());
  }

  @Test
  void connectionFailureThenSuccessIsTheSuccess() throws Exception {
    server(2).server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
    t.server.enqueue(ok());

    assertEquals(CancelState.CANCELLED, cancel().state());
    assertEquals(2, t.server.getRequestCount());
  }

  @Test
  void resetMidBodyIsRetried() throws Exception {
    server(2)
        .server
        .enqueue(
            new MockResponse()
                .setBody("{\"status\":\"cancelled\",\"id\":\"" + "x".repeat(4000) + "\"}")
                .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
    t.server.enqueue(ok());

    assertEquals(CancelState.CANCELLED, cancel().state());
    assertEquals(2, t.server.getRequestCount());
  }

  @Test
  void transportFailureForeverSaysHowManyAttempts() throws Exception {
    server(2);
    for (int i = 0; i < 3; i++) {
      t.server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
    }

    TransportException e = assertThrows(TransportException.class, () -> cancel());

    assertTrue(e.getMessage().contains(" failed: "), e.getMessage());
    assertTrue(e.getMessage().contains("; gave up after 3 attempts; "), e.getMessage());
    assertTrue(e.requestSent());
    assertEquals(3, t.server.getRequestCount());
  }

  @Test
  void exhaustedRetriesNeverShowTheKey() throws Exception {
    server(2);
    for (int i = 0; i < 3; i++) {
      t.server.enqueue(
          new MockResponse()
              .setResponseCode(503)
              .setHeader("Retry-After", "1")
              .setBody("{\"message\":\"echo Bearer " + TestServer.KEY + "\"}"));
    }

    ApiStatusException e = assertThrows(ApiStatusException.class, () -> cancel());

    assertEquals(
        "testprov answered HTTP 503: echo Bearer [redacted]; gave up after 3 attempts",
        e.getMessage());
    assertFalse(e.rawBody().contains(TestServer.KEY));
  }

  @Test
  void zeroRetriesSendsOnce() throws Exception {
    server(0).server.enqueue(status(503));

    assertThrows(ApiStatusException.class, () -> cancel());

    assertEquals(1, t.server.getRequestCount());
  }

  @Test
  void cancellingTheFutureCancelsAPendingRetry() throws Exception {
    server(2).server.enqueue(status(503));
    t.server.enqueue(ok());
    timer.hold = true;
    CompletableFuture<CancelResult<TestJob>> future = t.jobs.cancelAsync("j");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (timer.held.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(1, timer.held.size());

    assertTrue(future.cancel(true));

    assertTrue(timer.held.get(0).isCancelled());
    timer.held.get(0).run(); // even if the timer fired anyway, nothing is sent
    assertEquals(1, t.server.getRequestCount());
  }
}
