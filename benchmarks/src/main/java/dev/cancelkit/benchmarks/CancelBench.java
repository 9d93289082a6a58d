package dev.cancelkit.benchmarks;

import dev.cancelkit.together.TogetherClient;
import java.io.IOException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One cancel, through cancelkit and through the hand-written call, against the benchmark server.
 */
@State(Scope.Benchmark)
public class CancelBench {
  private TogetherClient together;
  private HandWritten hand;

  @Setup
  public void setup() {
    String url = System.getProperty("bench.url");
    together = TogetherClient.builder().apiKey(Bodies.KEY).baseUrl(url + "/v1").build();
    hand = new HandWritten(url + "/v1/", Bodies.KEY);
  }

  @TearDown
  public void tearDown() {
    together.close();
    hand.close();
  }

  @Benchmark
  public Object cancelkit() {
    return together.batches().cancel(Bodies.JOB_ID);
  }

  @Benchmark
  public Object handwritten() throws IOException {
    return hand.cancel(Bodies.JOB_ID);
  }
}
