package dev.cancelkit.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The floor of a bulk run: {@code concurrency} threads sharing one hand-written OkHttp + Moshi
 * client ({@link HandWritten}) cancel every id of a file, no retries, no pacing; each outcome's
 * line is built (in memory, not written, so the floor pays no output). Prints the seconds from the
 * first request to the last answer.
 *
 * <p>{@code java -cp benchmarks.jar dev.cancelkit.benchmarks.HandBulk BASE_URL IDS_FILE
 * CONCURRENCY}
 */
public final class HandBulk {
  private HandBulk() {}

  public static void main(String[] args) throws Exception {
    String base = args[0].endsWith("/") ? args[0] : args[0] + "/";
    List<String> ids = Files.readAllLines(Path.of(args[1]));
    int concurrency = Integer.parseInt(args[2]);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    StringBuffer out = new StringBuffer();
    try (HandWritten client = new HandWritten(base, Bodies.KEY)) {
      client.http().dispatcher().setMaxRequestsPerHost(concurrency);
      long start = System.nanoTime();
      Thread[] threads = new Thread[concurrency];
      for (int t = 0; t < concurrency; t++) {
        threads[t] =
            new Thread(
                () -> {
                  for (int i = next.getAndIncrement(); i < ids.size(); i = next.getAndIncrement()) {
                    try {
                      out.append(ids.get(i)).append('\t').append(client.cancel(ids.get(i)).status);
                      out.append('\n');
                    } catch (Exception e) {
                      failed.incrementAndGet();
                    }
                  }
                });
        threads[t].start();
      }
      for (Thread t : threads) {
        t.join();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          java.util.Locale.ROOT, "%.3f s %d ids %d failed%n", seconds, ids.size(), failed.get());
    }
  }
}
