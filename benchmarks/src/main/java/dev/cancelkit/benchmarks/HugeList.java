package dev.cancelkit.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Together's {@code GET /fine-tunes} answer for an organisation with many jobs: {@link #JOBS} of
 * its documented fine-tune (with events), one in a thousand running, the rest completed.
 */
final class HugeList {
  private HugeList() {}

  static final int JOBS = 20_000;
  static final byte[] EMPTY = "[]".getBytes(StandardCharsets.UTF_8);

  /**
   * An empty list as Together's dedicated endpoints and RL training sessions answer one: an object
   * whose {@code data} is the array (batches answer a bare array).
   */
  static final byte[] EMPTY_DATA = "{\"data\": []}".getBytes(StandardCharsets.UTF_8);

  private static final String TEMPLATE_ID = "ft-4b1f0a7e-2c9d-4e3a-9f61-8d2b7c5e1a90";
  private static final String TEMPLATE_STATUS = "\"status\": \"cancel_requested\"";

  static byte[] fineTunes(int jobs) {
    String template = template();
    StringBuilder json =
        new StringBuilder(jobs * (template.length() + 2) + 16).append("{\"data\":[");
    for (int i = 0; i < jobs; i++) {
      if (i > 0) {
        json.append(',');
      }
      json.append(
          template
              .replace(TEMPLATE_ID, String.format(Locale.ROOT, "ft-huge-%06d", i))
              .replace(
                  TEMPLATE_STATUS,
                  "\"status\": \"" + (i % 1000 == 0 ? "running" : "completed") + "\""));
    }
    return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 8);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String template() {
    try (InputStream in = HugeList.class.getResourceAsStream("/fine-tune.json")) {
      String t = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (!t.contains(TEMPLATE_ID) || !t.contains(TEMPLATE_STATUS)) {
        throw new IllegalStateException("fine-tune.json changed: " + TEMPLATE_ID);
      }
      return t;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
