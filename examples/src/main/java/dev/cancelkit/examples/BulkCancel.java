package dev.cancelkit.examples;

import dev.cancelkit.common.BulkOptions;
import dev.cancelkit.common.CancelOutcome;
import dev.cancelkit.together.TogetherClient;
import dev.cancelkit.together.model.BatchJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Cancels every Together batch listed in a file, 16 at a time. Key from TOGETHER_API_KEY. Usage:
 * BulkCancel FILE
 */
public final class BulkCancel {
  private BulkCancel() {}

  public static void main(String[] args) throws IOException {
    List<String> ids = Files.readAllLines(Path.of(args[0]));
    try (TogetherClient together = TogetherClient.builder().build()) {
      List<CancelOutcome<BatchJob>> outcomes =
          together
              .batches()
              .cancelAll(
                  ids,
                  BulkOptions.defaults().concurrency(16).onProgress(o -> System.out.println(o)));
      long failed = outcomes.stream().filter(o -> o.error().isPresent()).count();
      System.out.println(outcomes.size() + " batches, " + failed + " failed");
    }
  }
}
