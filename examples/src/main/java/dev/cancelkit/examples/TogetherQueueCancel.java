package dev.cancelkit.examples;

import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.CancelState;
import dev.cancelkit.together.TogetherClient;
import dev.cancelkit.together.model.QueueCancelResponse;

/**
 * Cancels a request queued on Together; only a pending one can be. Key from TOGETHER_API_KEY.
 * Usage: TogetherQueueCancel MODEL REQUEST_ID
 */
public final class TogetherQueueCancel {
  private TogetherQueueCancel() {}

  public static void main(String[] args) {
    try (TogetherClient together = TogetherClient.builder().build()) {
      CancelResult<QueueCancelResponse> r = together.queue(args[0]).cancel(args[1]);
      System.out.println(
          r.state() == CancelState.CANCELLED
              ? "cancelled"
              : "too late, the request is "
                  + r.providerStatus()
                  + " (HTTP "
                  + r.httpStatus()
                  + ")");
    }
  }
}
