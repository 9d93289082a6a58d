package dev.cancelkit.common.internal.job;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cancelkit.common.testing.NoDelayServerSockets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * The memory a client holds for bodies stays bounded whatever the servers send: a bulk run at
 * concurrency 256 against answers that each inflate to 1 GiB (about 1 MiB of gzip on the wire)
 * completes in a 256 MiB heap, every id with an {@code InvalidResponseException}. Before, each such
 * answer cost 32 MiB of heap, and 32 at once ended in {@code OutOfMemoryError}.
 */
class HugeAnswersTest {
  private static final long INFLATED = 1L << 30;

  /** A gzip stream of {@code {"status":"cancelled","pad":"zzz...} that inflates to 1 GiB. */
  private static Buffer gzipBomb() throws IOException {
    Buffer gzip = new Buffer();
    gzip.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff}); // gzip header
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    CRC32 crc = new CRC32();
    try (DeflaterOutputStream out =
        new DeflaterOutputStream(gzip.outputStream(), deflater, 1 << 16) {
          @Override
          public void close() throws IOException {
            finish(); // keep the buffer open: the trailer follows
          }
        }) {
      byte[] head = "{\"status\":\"cancelled\",\"pad\":\"".getBytes(StandardCharsets.US_ASCII);
      out.write(head);
      crc.update(head);
      byte[] chunk = new byte[1 << 20];
      Arrays.fill(chunk, (byte) 'z');
      for (long written = head.length; written < INFLATED; written += chunk.length) {
        out.write(chunk);
        crc.update(chunk);
      }
    }
    gzip.writeIntLe((int) crc.getValue());
    gzip.writeIntLe((int) INFLATED); // ISIZE: the length modulo 2^32 (the JSON is left open)
    return gzip;
  }

  @Test
  void bulkAtConcurrency256AgainstOneGibibyteAnswersFitsIn256MiB() throws Exception {
    Buffer bomb = gzipBomb();
    assertTrue(bomb.size() < 2 << 20, bomb.size() + " bytes of gzip");
    try (MockWebServer server = new MockWebServer()) {
      server.setServerSocketFactory(new NoDelayServerSockets());
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              return new MockResponse()
                  .setHeader("Content-Type", "application/json")
                  .setHeader("Content-Encoding", "gzip")
                  .setBody(bomb.clone());
            }
          });
      server.start();
      String text =
          ChildJvm.run("256m", HugeAnswersClient.class, server.url("/v1").toString(), "300");
      assertTrue(text.contains("too large: 300 of 300"), text);
    }
  }
}
