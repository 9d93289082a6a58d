package dev.cancelkit.common.internal.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cancelkit.common.testing.NoDelayServerSockets;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * A list that is held in memory ({@code active()}, and so every plan) is bounded whatever the
 * answer: past {@link JobLister#MAX_HELD} jobs or {@link JobLister#MAX_HELD_BYTES} of their text,
 * the listing fails, in a child JVM whose heap is 64 MiB, instead of exhausting it.
 */
class HeldListTest {
  @Test
  void moreActiveJobsThanAnyAccountRunsStopTheListing() throws Exception {
    assertEquals(
        "testprov: the list was stopped at more than 10000 jobs kept, after 1 page and 10001 jobs",
        activeOf(answer(50_000, 20)));
  }

  @Test
  void activeJobsPastSixteenMiBOfTextStopTheListing() throws Exception {
    // 6,000 jobs of about 4 KiB each: the text, not the count, is past its bound; a job's size is
    // what was read while it was parsed, so the count at the stop varies with the read-ahead
    String text = activeOf(answer(6_000, 4_096));
    String prefix =
        "testprov: the list was stopped at more than 16 MiB of jobs kept, after 1 page and ";
    assertTrue(text.startsWith(prefix) && text.endsWith(" jobs"), text);
    int jobs = Integer.parseInt(text.substring(prefix.length(), text.length() - " jobs".length()));
    assertTrue(jobs > 3_900 && jobs <= 4_093, text); // 16 MiB / 4,100 bytes = 4,092
  }

  @Test
  void finishedJobsAreNotKeptSoTheyCountForNothing() throws Exception {
    Buffer body = new Buffer().writeUtf8("[");
    for (int i = 0; i < 200_000; i++) {
      body.writeUtf8(i == 0 ? "" : ",")
          .writeUtf8("{\"id\":\"job-" + i + "\",\"status\":\"")
          .writeUtf8(i < 9_999 ? "running" : "completed")
          .writeUtf8("\"}");
    }
    assertEquals("kept 9999", activeOf(body.writeUtf8("]")));
  }

  /** {@code jobs} running jobs whose ids are about {@code idLength} characters. */
  private static Buffer answer(int jobs, int idLength) {
    Buffer body = new Buffer().writeUtf8("[");
    String pad = "x".repeat(idLength);
    for (int i = 0; i < jobs; i++) {
      body.writeUtf8(i == 0 ? "" : ",")
          .writeUtf8("{\"id\":\"" + pad + i + "\",\"status\":\"running\",")
          .writeUtf8("\"created_at\":\"2026-11-30T10:00:00Z\"}");
    }
    return body.writeUtf8("]");
  }

  private static String activeOf(Buffer body) throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.setServerSocketFactory(new NoDelayServerSockets());
      server.enqueue(
          new MockResponse().setHeader("Content-Type", "application/json").setBody(body));
      server.start();
      return ChildJvm.run("64m", HeldListClient.class, server.url("/v1").toString()).strip();
    }
  }
}
