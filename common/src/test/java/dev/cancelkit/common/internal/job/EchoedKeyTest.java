package dev.cancelkit.common.internal.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cancelkit.common.ApiStatusException;
import dev.cancelkit.common.AuthenticationException;
import dev.cancelkit.common.UnexpectedStatusException;
import dev.cancelkit.common.internal.client.Endpoint;
import dev.cancelkit.common.internal.runtime.DebugLogInterceptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A key echoed back in another encoding (JSON escapes, percent-encoding, Base64 of the {@code
 * Authorization} value) is redacted as the key itself is, and a cut never leaves a piece of it.
 */
class EchoedKeyTest {
  private static final String KEY = "tk-live/9f8e7d6c5b4a3921";
  private final List<String> log = new CopyOnWriteArrayList<>();
  private TestServer t;

  @AfterEach
  void close() throws IOException {
    if (t != null) {
      t.close();
    }
  }

  private TestServer server() throws IOException {
    return TestServer.with().apiKey(KEY).logTo(log::add).start();
  }

  private static void assertNoKey(ApiStatusException e) {
    for (String text : List.of(e.getMessage(), e.rawBody(), String.valueOf(e.errorMessage()))) {
      assertFalse(text.contains("9f8e7d6c"), text);
      assertFalse(text.contains("tk-live"), text);
    }
  }

  private static String unicodeEscaped(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(String.format("\\u%04X", (int) c));
    }
    return b.toString();
  }

  @Test
  void aKeyEchoedWithAnEscapedSlashIsRedacted() throws Exception {
    t = server();
    t.enqueue(401, "{\"message\": \"Invalid API key: tk-live\\/9f8e7d6c5b4a3921\"}");

    AuthenticationException e =
        assertThrows(AuthenticationException.class, () -> t.jobs.cancel("j"));

    assertNoKey(e);
    assertEquals("Invalid API key: [redacted]", e.errorMessage());
  }

  @Test
  void aKeyEchoedInUnicodeEscapesIsRedacted() throws Exception {
    t = server();
    t.enqueue(401, "{\"message\": \"key " + unicodeEscaped(KEY) + " refused\"}");

    AuthenticationException e =
        assertThrows(AuthenticationException.class, () -> t.jobs.cancel("j"));

    assertNoKey(e);
    assertEquals("key [redacted] refused", e.errorMessage());
  }

  @Test
  void aKeyEchoedPercentEncodedInALocationIsRedactedInTheMessageAndTheLog() throws Exception {
    t = server();
    t.server.enqueue(
        new MockResponse()
            .setResponseCode(302)
            .setHeader("Location", "https://login.example/?k=tk-live%2F9f8e7d6c5b4a3921"));

    UnexpectedStatusException e =
        assertThrows(UnexpectedStatusException.class, () -> t.jobs.cancel("j"));

    assertNoKey(e);
    assertTrue(e.getMessage().contains("?k=[redacted]"), e.getMessage());
    assertFalse(String.join("\n", log).contains("9f8e7d6c"), String.join("\n", log));
  }

  @Test
  void theAuthorizationValueEchoedInBase64IsRedacted() throws Exception {
    t = server();
    String echoed =
        Base64.getEncoder().encodeToString(("Bearer " + KEY).getBytes(StandardCharsets.UTF_8));
    t.server.enqueue(
        new MockResponse()
            .setResponseCode(401)
            .setHeader("x-request-id", "req-" + echoed)
            .setBody("{\"message\": \"bad authorization " + echoed + "\"}"));

    AuthenticationException e =
        assertThrows(AuthenticationException.class, () -> t.jobs.cancel("j"));

    String prefix = echoed.substring(0, 12);
    assertFalse(e.getMessage().contains(prefix), e.getMessage());
    assertFalse(e.rawBody().contains(prefix), e.rawBody());
    assertFalse(e.requestId().orElse("").contains(prefix), e.requestId().toString());
  }

  @Test
  void aKeyCutByTheRawBodyBoundLeavesNoPieceAtAnyOffset() throws Exception {
    t = server();
    int max = ApiStatusException.MAX_RAW_BODY_BYTES;
    for (int inside = 1; inside < KEY.length(); inside++) {
      String body = "x".repeat(max - inside) + KEY + " and more";
      t.server.enqueue(new MockResponse().setResponseCode(400).setBody(body));

      ApiStatusException e = assertThrows(ApiStatusException.class, () -> t.jobs.cancel("j"));

      String raw = e.rawBody();
      for (int n = Endpoint.MIN_REDACTED_PIECE; n <= KEY.length(); n++) {
        assertFalse(
            raw.endsWith(KEY.substring(0, n)),
            inside + " inside: " + raw.substring(raw.length() - 30));
      }
      assertFalse(e.getMessage().contains("tk-live"), e.getMessage());
    }
  }

  @Test
  void aKeyCutByTheLogBoundLeavesNoPieceAtAnyOffset() throws Exception {
    t = server();
    int max = DebugLogInterceptor.MAX_LOGGED_BODY;
    for (int inside = 1; inside < KEY.length(); inside++) {
      log.clear();
      String body =
          "{\"status\":\"cancelled\",\"note\":\"" + "x".repeat(max - 31 - inside) + KEY + "\"}";
      t.server.enqueue(
          new MockResponse().setHeader("Content-Type", "application/json").setBody(body));

      t.jobs.cancel("j");

      String answer = log.get(log.size() - 1);
      for (int n = Endpoint.MIN_REDACTED_PIECE; n <= KEY.length(); n++) {
        assertFalse(answer.endsWith(KEY.substring(0, n)), inside + " inside");
      }
      assertFalse(answer.contains("tk-live"), answer.substring(answer.length() - 40));
    }
  }

  @Test
  void aListedJobWhoseIdOrFieldsEchoTheKeyHandsOnNoPieceOfIt() throws Exception {
    t = server();
    t.enqueue(
        200,
        "[{\"id\": \"tk-live\\/9f8e7d6c5b4a3921\", \"status\": \"running\"},"
            + " {\"id\": \"j-2\", \"status\": \"running\", \"model\": \"Bearer "
            + KEY
            + "\"}]");

    List<dev.cancelkit.common.JobStatus<TestJob>> jobs = t.jobs.list().toList();

    assertEquals(2, jobs.size());
    assertEquals("[redacted]", jobs.get(0).jobId());
    assertEquals("[redacted]", jobs.get(0).job().getId());
    assertEquals("j-2", jobs.get(1).jobId());
    assertFalse(jobs.toString().contains("9f8e7d6c"), jobs.toString());
  }

  @Test
  void aReadJobWhoseIdEchoesTheKeyHandsOnNoPieceOfIt() throws Exception {
    t = server();
    t.enqueue(200, "{\"id\": \"" + KEY + "\", \"status\": \"running\"}");

    dev.cancelkit.common.JobStatus<TestJob> job = t.jobs.status("j");

    assertEquals("[redacted]", job.job().getId());
  }
}
