package dev.cancelkit.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cancelkit.common.ApiStatusException;
import dev.cancelkit.common.CancelKitException;
import dev.cancelkit.common.CancelResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A distinctive key through every failure path, with HTTP logging on and a server that echoes the
 * key back: the key shows up in no exception message, cause, {@code toString()}, stack trace or log
 * line.
 */
class KeyCanaryTest {
  static final String KEY = "sk-CANARY-9f8e7d6c5b4a39281706";
  private static AllClients clients;

  @BeforeAll
  static void start() throws IOException {
    clients =
        new AllClients(KEY, 0, Duration.ofMillis(300), true); // retries exhausted: see RetryTest
  }

  @AfterAll
  static void stop() throws IOException {
    clients.close();
  }

  /** Answers that fail a call, most of them carrying the key back. */
  static List<Supplier<MockResponse>> failures() {
    String echo = "Bearer " + KEY;
    List<Supplier<MockResponse>> answers = new ArrayList<>();
    for (int code : new int[] {400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 418}) {
      answers.add(
          () ->
              new MockResponse()
                  .setResponseCode(code)
                  .setHeader("X-Echo", echo)
                  .setHeader("x-request-id", "req-" + KEY)
                  .setBody(
                      "{\"message\":\"bad "
                          + echo
                          + "\",\"code\":\""
                          + KEY
                          + "\",\"param\":\""
                          + KEY
                          + "\"}"));
      answers.add(
          () ->
              new MockResponse()
                  .setResponseCode(code)
                  .setBody("{\"error\":{\"message\":\"" + echo + "\",\"type\":\"" + KEY + "\"}}"));
      answers.add(
          () ->
              new MockResponse()
                  .setResponseCode(code)
                  .setBody(
                      "{\"errors\":[{\"message\":\"" + echo + "\",\"code\":\"" + KEY + "\"}]}"));
      answers.add(
          () -> new MockResponse().setResponseCode(code).setBody("{\"detail\":\"" + echo + "\"}"));
      answers.add(
          () -> new MockResponse().setResponseCode(code).setBody("<html>" + echo + "</html>"));
    }
    answers.add(
        () ->
            new MockResponse().setResponseCode(429).setHeader("Retry-After", "120").setBody(echo));
    answers.add(
        () ->
            new MockResponse()
                .setResponseCode(307)
                .setHeader("Location", "https://x.invalid/" + KEY));
    answers.add(() -> new MockResponse().setBody("{\"status\":\"" + KEY + "\",")); // malformed
    answers.add(() -> new MockResponse().setBody("[\"" + KEY + "\"]")); // wrong type
    answers.add(() -> new MockResponse().setBody("{\"id\":\"" + KEY + "\"}")); // no status
    answers.add(() -> new MockResponse().setBody("{\"status\":{\"nested\":\"" + KEY + "\"}}"));
    answers.add(() -> new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    answers.add(
        () ->
            new MockResponse()
                .setBody("{\"status\":\"" + KEY + "-----------------------------\"}")
                .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
    answers.add(() -> new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    answers.add(() -> new MockResponse().setStatus("HTTP/1.1 2x0 " + echo)); // a broken status line
    return answers;
  }

  @Test
  void keyAppearsInNoFailure() throws Exception {
    int failures = 0;
    for (Supplier<MockResponse> answer : failures()) {
      for (AllClients.Operation op : clients.operations) {
        for (boolean async : new boolean[] {false, true}) {
          clients.server.enqueue(answer.get());
          Throwable thrown = call(op, async);
          assertNotNull(thrown, op.name() + " succeeded on " + answer.get());
          assertNoKey(thrown);
          failures++;
        }
      }
    }
    assertTrue(failures > 300, failures + " failures");
  }

  @Test
  void keyAppearsInNoLogLine() throws Exception {
    clients.server.enqueue(
        new MockResponse()
            .setBody("{\"status\":\"CANCELLED\",\"echo\":\"Bearer " + KEY + "\"}")
            .setHeader("X-Api-Key", KEY)
            .setHeader("x-request-id", KEY));
    CancelResult<?> r = clients.archetype.fineTuneJobs().cancel("ftj-1");
    assertFalse(r.toString().contains(KEY));
    assertFalse(clients.archetype.toString().contains(KEY));

    String log = Files.readString(Path.of("target", "http-debug.log"), StandardCharsets.UTF_8);

    assertTrue(log.contains("--> PUT "), "logging was on");
    assertTrue(log.contains("Authorization: [redacted]"), "the header was logged, masked");
    assertFalse(log.contains(KEY), "the key is in the log");
  }

  private static Throwable call(AllClients.Operation op, boolean async) {
    try {
      if (async) {
        op.cancellable().cancelAsync(op.jobId()).get(10, TimeUnit.SECONDS);
      } else {
        op.cancellable().cancel(op.jobId());
      }
      return null;
    } catch (ExecutionException e) {
      return assertInstanceOf(CancelKitException.class, e.getCause());
    } catch (CancelKitException e) {
      return e;
    } catch (Exception e) {
      return fail(e);
    }
  }

  private static void assertNoKey(Throwable thrown) {
    StringWriter trace = new StringWriter();
    thrown.printStackTrace(new PrintWriter(trace));
    assertFalse(trace.toString().contains(KEY), trace.toString());
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      assertFalse(String.valueOf(t).contains(KEY), String.valueOf(t));
    }
    if (thrown instanceof ApiStatusException e) {
      for (String field :
          new String[] {e.errorMessage(), e.errorCode(), e.errorType(), e.param(), e.rawBody()}) {
        assertFalse(field != null && field.contains(KEY), field);
      }
    }
  }
}
