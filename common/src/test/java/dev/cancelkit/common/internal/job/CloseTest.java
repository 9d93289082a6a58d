package dev.cancelkit.common.internal.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cancelkit.common.BulkOptions;
import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.CancelState;
import dev.cancelkit.common.testing.FakeTimer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** After {@code close()} every new call is refused at once; calls in flight finish. */
class CloseTest {
  private TestServer t;

  @BeforeEach
  void start() throws IOException {
    t = TestServer.with().maxRetries(2).start();
  }

  @AfterEach
  void stop() throws IOException {
    t.close();
  }

  @Test
  void everyNewCallAfterCloseThrowsAndSendsNothing() {
    t.enqueue(200, "{\"status\":\"cancelled\"}");
    t.runtime.close();

    List<Executable> calls =
        List.of(
            () -> t.jobs.cancel("j"),
            () -> t.jobs.cancelAsync("j"),
            () -> t.jobs.status("j"),
            () -> t.jobs.cancelAndAwait("j", Duration.ofSeconds(1)),
            () -> t.jobs.cancelAll(List.of("a", "b"), BulkOptions.defaults()));
    for (Executable call : calls) {
      IllegalStateException e = assertThrows(IllegalStateException.class, call);
      assertEquals("This testprov client is closed; build a new one", e.getMessage());
    }
    assertEquals(0, t.server.getRequestCount());
  }

  @Test
  void aCallInFlightFinishesAfterClose() throws Exception {
    t.server.enqueue(
        new MockResponse()
            .setBody("{\"status\":\"cancelled\"}")
            .setHeadersDelay(300, TimeUnit.MILLISECONDS));
    CompletableFuture<CancelResult<TestJob>> f = t.jobs.cancelAsync("j");
    t.server.takeRequest(5, TimeUnit.SECONDS);

    t.runtime.close();

    assertEquals(CancelState.CANCELLED, f.get(5, TimeUnit.SECONDS).state());
  }

  @Test
  void aRetryOfACallInFlightIsStillSent() throws Exception {
    FakeTimer timer = new FakeTimer();
    timer.hold = true;
    t.close();
    t = TestServer.with().timer(timer).maxRetries(2).start();
    t.server.enqueue(new MockResponse().setResponseCode(503));
    t.enqueue(200, "{\"status\":\"cancelled\"}");
    CompletableFuture<CancelResult<TestJob>> f = t.jobs.cancelAsync("j");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (timer.held.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }

    t.runtime.close();
    timer.held.get(0).run();

    assertEquals(CancelState.CANCELLED, f.get(5, TimeUnit.SECONDS).state());
    assertEquals(2, t.server.getRequestCount());
  }
}
