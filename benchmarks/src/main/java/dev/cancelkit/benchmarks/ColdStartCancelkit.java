package dev.cancelkit.benchmarks;

import dev.cancelkit.together.TogetherClient;

/** A fresh JVM that builds a cancelkit client, cancels once and exits. */
public final class ColdStartCancelkit {
  private ColdStartCancelkit() {}

  public static void main(String[] args) {
    try (TogetherClient together =
        TogetherClient.builder().apiKey(Bodies.KEY).baseUrl(args[0] + "/v1").build()) {
      if (together.batches().cancel(Bodies.JOB_ID).response().getStatus() == null) {
        throw new AssertionError("no status");
      }
    }
  }
}
