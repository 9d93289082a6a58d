package dev.cancelkit.examples;

import dev.cancelkit.common.CancelResult;
import dev.cancelkit.together.TogetherClient;
import dev.cancelkit.together.model.FinetuneResponseTruncated;
import java.time.Duration;

/**
 * Cancels a Together fine-tune and waits up to five minutes for it to stop. Key from
 * TOGETHER_API_KEY. Usage: TogetherFineTuneCancel FT_ID
 */
public final class TogetherFineTuneCancel {
  private TogetherFineTuneCancel() {}

  public static void main(String[] args) {
    try (TogetherClient together = TogetherClient.builder().build()) {
      CancelResult<FinetuneResponseTruncated> r =
          together
              .fineTunes()
              .cancelAndAwait(
                  args[0],
                  Duration.ofMinutes(5),
                  change -> System.out.println("  " + change.providerStatus()));
      System.out.println(r.state() + " after " + r.response().getTokenCount() + " tokens");
    }
  }
}
