package dev.cancelkit.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;

/**
 * A fresh JVM that cancels once with the JDK's own HttpURLConnection and no JSON library: the lower
 * bound.
 */
public final class ColdStartJdk {
  private ColdStartJdk() {}

  public static void main(String[] args) throws IOException {
    HttpURLConnection c =
        (HttpURLConnection)
            new URL(args[0] + "/v1/batches/" + Bodies.JOB_ID + "/cancel").openConnection();
    c.setRequestMethod("POST");
    c.setRequestProperty("Authorization", "Bearer " + Bodies.KEY);
    c.setDoOutput(true);
    c.getOutputStream().close();
    try (InputStream in = c.getInputStream()) {
      if (!new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
          .contains("\"status\"")) {
        throw new AssertionError("no status");
      }
    }
  }
}
