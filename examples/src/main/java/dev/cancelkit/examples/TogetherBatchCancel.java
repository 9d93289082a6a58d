package dev.cancelkit.examples;

import dev.cancelkit.common.CancelResult;
import dev.cancelkit.together.TogetherClient;
import dev.cancelkit.together.model.BatchJob;

/** Cancels a Together batch. Key from TOGETHER_API_KEY. Usage: TogetherBatchCancel BATCH_ID */
public final class TogetherBatchCancel {
  private TogetherBatchCancel() {}

  public static void main(String[] args) {
    try (TogetherClient together = TogetherClient.builder().build()) {
      CancelResult<BatchJob> r = together.batches().cancel(args[0]);
      System.out.println(
          r.state() + " (" + r.providerStatus() + "), progress " + r.response().getProgress());
    }
  }
}
