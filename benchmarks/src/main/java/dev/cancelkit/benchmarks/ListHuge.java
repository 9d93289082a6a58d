package dev.cancelkit.benchmarks;

import dev.cancelkit.common.JobStatus;
import dev.cancelkit.together.TogetherClient;
import dev.cancelkit.together.model.FinetuneResponseTruncated;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A fresh JVM (run with a capped heap) that lists every Together fine-tune of a base URL through
 * {@code list()} and prints "jobs seconds peak-heap-MiB".
 */
public final class ListHuge {
  private ListHuge() {}

  public static void main(String[] args) {
    long start = System.nanoTime();
    long jobs;
    try (TogetherClient together =
            TogetherClient.builder().apiKey(Bodies.KEY).baseUrl(args[0]).build();
        Stream<JobStatus<FinetuneResponseTruncated>> list = together.fineTunes().list()) {
      jobs = list.filter(j -> j.jobId() != null).count();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf(Locale.ROOT, "%d %.2f %.1f%n", jobs, seconds, peak / 1048576.0);
  }
}
