package dev.cancelkit.common.internal.job;

import dev.cancelkit.common.BulkOptions;
import dev.cancelkit.common.CancelOutcome;
import dev.cancelkit.common.InvalidResponseException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Run by {@link HugeAnswersTest} in a child JVM with a small heap: one {@code cancelAll} at
 * concurrency 256 against a server whose every answer inflates to 1 GiB. Prints what became of the
 * ids and exits 0 only if every one ended in the "larger than 16 MiB" {@link
 * InvalidResponseException}; an {@link OutOfMemoryError} ends it with another status.
 */
public final class HugeAnswersClient {
  private HugeAnswersClient() {}

  public static void main(String[] args) {
    String baseUrl = args[0];
    int count = Integer.parseInt(args[1]);
    CancelOperation<TestJob> jobs = ChildJvm.client(baseUrl, 256);
    List<String> ids =
        IntStream.range(0, count).mapToObj(i -> "job-" + i).collect(Collectors.toList());

    List<CancelOutcome<TestJob>> out = jobs.cancelAll(ids, BulkOptions.defaults().concurrency(256));

    long tooLarge =
        out.stream()
            .filter(
                o ->
                    o.error().orElse(null) instanceof InvalidResponseException e
                        && e.getMessage().endsWith(" with a body larger than 16 MiB"))
            .count();
    System.out.println("too large: " + tooLarge + " of " + out.size());
    out.stream()
        .filter(o -> o.result().isPresent() || tooLarge < count)
        .limit(3)
        .forEach(System.out::println);
    System.exit(tooLarge == count ? 0 : 1);
  }
}
