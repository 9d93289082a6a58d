package dev.cancelkit.common.internal.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cancelkit.common.BadRequestException;
import dev.cancelkit.common.InvalidResponseException;
import dev.cancelkit.common.TransportException;
import dev.cancelkit.common.UnexpectedStatusException;
import dev.cancelkit.common.internal.runtime.DebugLogInterceptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Redirects, oversized bodies, stalled servers and logging: nothing leaks and nothing grows without
 * bound.
 */
class SafetyTest {
  private TestServer t;

  @AfterEach
  void stop() throws IOException {
    if (t != null) {
      t.close();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {301, 302, 303, 307, 308})
  void redirectIsNotFollowedSoTheKeyStaysHome(int code) throws Exception {
    try (MockWebServer elsewhere = new MockWebServer()) {
      elsewhere.start();
      t = TestServer.with().start();
      t.server.enqueue(
          new MockResponse()
              .setResponseCode(code)
              .setHeader("Location", elsewhere.url("/steal/jobs/j/cancel")));

      UnexpectedStatusException e =
          assertThrows(UnexpectedStatusException.class, () -> t.jobs.cancel("j"));

      assertEquals(code, e.statusCode());
      assertEquals(
          "redirected to "
              + elsewhere.url("/steal/jobs/j/cancel")
              + ", not followed: check the base URL",
          e.errorMessage());
      assertEquals(0, elsewhere.getRequestCount());
      assertEquals(1, t.server.getRequestCount());
    }
  }

  @Test
  void hugeErrorBodyIsReadOnlyAsFarAsTheRawBodyLimit() throws Exception {
    t = TestServer.with().start();
    Buffer huge = new Buffer();
    huge.writeUtf8("{\"message\":\"");
    for (int i = 0; i < 20 * 1024; i++) {
      huge.writeUtf8("y".repeat(1024));
    }
    t.server.enqueue(new MockResponse().setResponseCode(400).setBody(huge));

    BadRequestException e = assertThrows(BadRequestException.class, () -> t.jobs.cancel("j"));

    assertEquals(8192, e.rawBody().length());
    assertTrue(e.errorMessage().startsWith("{\"message\":\"yyyy"), e.errorMessage());
  }

  @Test
  void successBodyOverSixteenMebibytesIsInvalid() throws Exception {
    t = TestServer.with().start();
    Buffer huge = new Buffer().writeUtf8("{\"status\":\"cancelled\",\"pad\":\"");
    byte[] kib = "z".repeat(1024).getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < 17 * 1024; i++) {
      huge.write(kib);
    }
    huge.writeUtf8("\"}");
    t.server.enqueue(new MockResponse().setBody(huge));

    InvalidResponseException e =
        assertThrows(InvalidResponseException.class, () -> t.jobs.cancel("j"));

    assertEquals("testprov answered HTTP 200 with a body larger than 16 MiB", e.getMessage());
  }

  @Test
  void serverThatNeverAnswersTimesOut() throws Exception {
    t = TestServer.with().timeout(Duration.ofMillis(300)).start();
    t.server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    long start = System.nanoTime();

    TransportException e = assertThrows(TransportException.class, () -> t.jobs.cancel("j"));

    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < 3000, millis + " ms");
    assertTrue(
        e.getMessage().contains(" timed out after 300 ms (the timeout of each attempt); "),
        e.getMessage());
    assertTrue(e.requestSent());
  }

  @Test
  void bodyThatStallsTimesOut() throws Exception {
    t = TestServer.with().timeout(Duration.ofMillis(300)).start();
    t.server.enqueue(
        new MockResponse()
            .setBody("{\"status\":\"cancelled\"}")
            .throttleBody(1, 1, TimeUnit.SECONDS));

    assertThrows(TransportException.class, () -> t.jobs.cancel("j"));
  }

  @Test
  void loggingMasksTheKeyAndSecretHeaders() throws Exception {
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    t = TestServer.with().logTo(log::add).start();
    t.server.enqueue(
        new MockResponse()
            .setHeader("X-Api-Key", "server-secret-999")
            .setHeader("x-request-id", "r-1")
            .setBody("{\"status\":\"cancelled\",\"echo\":\"Bearer " + TestServer.KEY + "\"}"));

    t.jobs.cancel("j");

    assertEquals(2, log.size());
    String request = log.get(0);
    String response = log.get(1);
    assertTrue(request.startsWith("--> POST " + t.server.url("/v1/jobs/j/cancel")), request);
    assertTrue(request.contains("\nAuthorization: [redacted]"), request);
    assertTrue(request.contains("\nX-Cancelkit-Attempt: 1"), request);
    assertTrue(response.startsWith("<-- 200 OK " + t.server.url("/v1/jobs/j/cancel")), response);
    assertTrue(response.contains("\nX-Api-Key: [redacted]"), response);
    assertTrue(response.contains("\nx-request-id: r-1"), response);
    assertTrue(
        response.endsWith("{\"status\":\"cancelled\",\"echo\":\"Bearer [redacted]\"}"), response);
    for (String line : log) {
      assertFalse(line.contains(TestServer.KEY), line);
      assertFalse(line.contains("server-secret-999"), line);
    }
  }

  @Test
  void loggingRecordsTransportFailures() throws Exception {
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    t = TestServer.with().logTo(log::add).start();
    t.server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));

    assertThrows(TransportException.class, () -> t.jobs.cancel("j"));

    assertTrue(log.get(1).startsWith("<-- FAILED POST "), log.get(1));
  }

  @Test
  void loggingIsOffByDefault() throws Exception {
    t = TestServer.with().start();

    assertFalse(
        t.runtime.http().interceptors().stream().anyMatch(i -> i instanceof DebugLogInterceptor));
  }
}
