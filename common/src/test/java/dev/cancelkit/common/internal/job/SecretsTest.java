package dev.cancelkit.common.internal.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cancelkit.common.CancelKitException;
import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.InvalidResponseException;
import dev.cancelkit.common.NotFoundException;
import dev.cancelkit.common.TransportException;
import dev.cancelkit.common.internal.text.SafeText;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server that echoes the key gets it into no string the library hands on: messages, {@code
 * toString()}, request ids, and the causes and suppressed exceptions below; and control characters
 * a provider sends are escaped in messages.
 */
class SecretsTest {
  /** Distinctive, so that a leak cannot hide in a coincidence. */
  static final String KEY = "sk-canary-Zq8YfW3mXk2Lp9Rt";

  private TestServer t;

  @BeforeEach
  void start() throws IOException {
    t = TestServer.with().apiKey(KEY).start();
  }

  @AfterEach
  void stop() throws IOException {
    t.close();
  }

  /** Every string reachable from a throwable: messages, toString, stack traces, causes. */
  static List<String> strings(Throwable top) {
    List<String> out = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Throwable> todo = new ArrayList<>(List.of(top));
    while (!todo.isEmpty()) {
      Throwable x = todo.remove(todo.size() - 1);
      if (x == null || !seen.add(x)) {
        continue;
      }
      out.add(String.valueOf(x.getMessage()));
      out.add(x.toString());
      todo.add(x.getCause());
      todo.addAll(List.of(x.getSuppressed()));
    }
    StringWriter trace = new StringWriter();
    top.printStackTrace(new PrintWriter(trace));
    out.add(trace.toString());
    return out;
  }

  private static void assertNoKey(List<String> strings) {
    for (String s : strings) {
      assertFalse(s.contains(KEY), "the key leaked: " + s);
    }
  }

  @Test
  void aRequestIdThatEchoesTheKeyIsRedactedInResults() {
    t.server.enqueue(
        new MockResponse()
            .setHeader("x-request-id", "req-" + KEY)
            .setBody("{\"status\":\"cancelled\"}"));

    CancelResult<TestJob> r = t.jobs.cancel("j");

    assertEquals("req-[redacted]", r.requestId().orElseThrow());
    assertNoKey(List.of(r.toString()));
  }

  @Test
  void aRequestIdThatEchoesTheKeyIsRedactedInExceptions() {
    t.server.enqueue(
        new MockResponse()
            .setResponseCode(404)
            .setHeader("x-request-id", KEY)
            .setBody("{\"message\":\"no job\"}"));

    NotFoundException e = assertThrows(NotFoundException.class, () -> t.jobs.cancel("j"));

    assertEquals("[redacted]", e.requestId().orElseThrow());
    assertNoKey(strings(e));
  }

  @Test
  void aParseErrorQuotingTheKeyLeavesItOutOfTheCause() {
    t.enqueue(200, "{\"status\":\"cancelled\",\"created_at\":\"" + KEY + "\"}");

    InvalidResponseException e =
        assertThrows(InvalidResponseException.class, () -> t.jobs.cancel("j"));

    assertTrue(e.getCause().toString().contains("[redacted]"), e.getCause().toString());
    assertNoKey(strings(e));
  }

  @Test
  void aStatusLineQuotingTheKeyLeavesItOutOfTheCause() {
    t.server.enqueue(new MockResponse().setStatus("HTTP/1.1 2x0 " + KEY));

    TransportException e = assertThrows(TransportException.class, () -> t.jobs.cancel("j"));

    assertTrue(e.getMessage().contains("[redacted]"), e.getMessage());
    assertNoKey(strings(e));
  }

  @Test
  void aStatusThatIsTheKeyIsRedacted() {
    t.enqueue(200, "{\"status\":\"" + KEY + "\"}");

    CancelResult<TestJob> r = t.jobs.cancel("j");

    assertEquals("[redacted]", r.providerStatus());
    assertNoKey(List.of(r.toString()));
  }

  @Test
  void controlCharactersFromTheProviderAreEscapedInMessages() {
    t.server.enqueue(
        new MockResponse()
            .setResponseCode(404)
            .addHeaderLenient("x-request-id", "r\u0007-1")
            .setBody(
                "{\"message\":\"gone\\u001b]0;owned\\u0007\\u001b[2J\\u0000\\u009b\","
                    + "\"code\":\"x\\ny\"}"));

    NotFoundException e = assertThrows(NotFoundException.class, () -> t.jobs.cancel("j"));

    assertEquals(
        "testprov answered HTTP 404: gone\\u001b]0;owned\\u0007\\u001b[2J\\u0000\\u009b (code:"
            + " x\\ny, request id: r\\u0007-1)",
        e.getMessage());
    assertEquals("gone\u001b]0;owned\u0007\u001b[2J\u0000\u009b", e.errorMessage()); // as sent
  }

  @Test
  void controlCharactersInAnInvalidBodyAreEscaped() {
    t.enqueue(200, "\u001b[2Jnot json");

    InvalidResponseException e =
        assertThrows(InvalidResponseException.class, () -> t.jobs.cancel("j"));

    for (char c : e.getMessage().toCharArray()) {
      assertFalse(SafeText.isControl(c), "raw control character in: " + e.getMessage());
    }
    assertTrue(e.getMessage().contains("\\u001b[2Jnot json"), e.getMessage());
  }

  @Test
  void everyExceptionOfAnEchoingServerIsClean() {
    String echo = "Bearer " + KEY;
    List<MockResponse> answers =
        List.of(
            new MockResponse().setResponseCode(400).setBody(echo),
            new MockResponse()
                .setResponseCode(401)
                .setBody("{\"error\":{\"message\":\"" + echo + "\"}}"),
            new MockResponse().setResponseCode(302).setHeader("Location", "/x?k=" + KEY),
            new MockResponse().setBody("{\"status\":" + "[\"" + KEY + "\"]}"),
            new MockResponse().setBody("[\"" + KEY + "\"]"));
    for (MockResponse answer : answers) {
      t.server.enqueue(answer);
      CancelKitException e = assertThrows(CancelKitException.class, () -> t.jobs.cancel("j"));
      assertNoKey(strings(e));
    }
  }
}
