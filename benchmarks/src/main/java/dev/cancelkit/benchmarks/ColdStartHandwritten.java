package dev.cancelkit.benchmarks;

import java.io.IOException;

/**
 * A fresh JVM that builds the hand-written OkHttp + Moshi client, cancels once and exits; a second
 * argument {@code cleartext} builds it for http:// only (no TLS set-up).
 */
public final class ColdStartHandwritten {
  private ColdStartHandwritten() {}

  public static void main(String[] args) throws IOException {
    try (HandWritten hand =
        new HandWritten(
            args[0] + "/v1/", Bodies.KEY, args.length > 1 && args[1].equals("cleartext"))) {
      if (hand.cancel(Bodies.JOB_ID).status == null) {
        throw new AssertionError("no status");
      }
    }
  }
}
