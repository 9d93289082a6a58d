package dev.cancelkit.common.internal.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cancelkit.common.testing.NoDelayServerSockets;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * A list answer of any size is read without holding it in memory: 200,000 jobs in one unpaged
 * answer (about 60 MB, as a Together organisation's whole history can be) are listed by a child JVM
 * whose heap is 64 MiB.
 */
class LongListTest {
  private static final int JOBS = 200_000;

  @Test
  void twoHundredThousandJobsListInA64MiBHeap() throws Exception {
    Buffer body = new Buffer().writeUtf8("[");
    for (int i = 0; i < JOBS; i++) {
      body.writeUtf8(i == 0 ? "" : ",")
          .writeUtf8("{\"id\":\"job-")
          .writeUtf8(Integer.toString(i))
          .writeUtf8("\",\"status\":\"")
          .writeUtf8(i % 4 == 0 ? "running" : "completed")
          .writeUtf8("\",\"created_at\":\"2026-11-30T10:00:00Z\",\"model_id\":\"meta-llama/")
          .writeUtf8(
              "Meta-Llama-3.1-8B-Instruct-Turbo\",\"input_file_id\":\"file-input-0123456789\",")
          .writeUtf8("\"output_file_id\":null,\"error\":null,\"progress\":75.0,\"endpoint\":")
          .writeUtf8("\"/v1/chat/completions\",\"user_id\":\"user_0123456789abcdef\"}");
    }
    body.writeUtf8("]");
    assertTrue(body.size() > 50_000_000, body.size() + " bytes");
    try (MockWebServer server = new MockWebServer()) {
      server.setServerSocketFactory(new NoDelayServerSockets());
      server.enqueue(
          new MockResponse().setHeader("Content-Type", "application/json").setBody(body));
      server.start();
      String text = ChildJvm.run("64m", LongListClient.class, server.url("/v1").toString());
      assertEquals("seen 200000, active 50000", text.strip());
    }
  }
}
