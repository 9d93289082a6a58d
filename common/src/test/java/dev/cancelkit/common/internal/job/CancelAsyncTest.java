package dev.cancelkit.common.internal.job;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.CancelState;
import dev.cancelkit.common.InvalidResponseException;
import dev.cancelkit.common.NotFoundException;
import dev.cancelkit.common.TransportException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code cancelAsync} completes with what {@code cancel} returns or throws, and can be cancelled.
 */
class CancelAsyncTest {
  private TestServer t;

  @BeforeEach
  void start() throws IOException {
    t = new TestServer();
  }

  @AfterEach
  void stop() throws IOException {
    t.close();
  }

  private static Throwable failure(CompletableFuture<?> future) {
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> future.get(5, TimeUnit.SECONDS));
    return e.getCause();
  }

  @Test
  void completesWithTheResult() throws Exception {
    t.enqueue(200, "{\"id\":\"j\",\"status\":\"cancelled\"}");

    CancelResult<TestJob> r = t.jobs.cancelAsync("j").get(5, TimeUnit.SECONDS);

    assertEquals(CancelState.CANCELLED, r.state());
    assertEquals("j", r.response().getId());
  }

  @Test
  void failsWithTheSameApiException() {
    t.enqueue(404, "{\"error\":\"no such job\"}");

    NotFoundException e =
        assertInstanceOf(NotFoundException.class, failure(t.jobs.cancelAsync("j")));

    assertEquals("no such job", e.errorMessage());
  }

  @Test
  void failsWithInvalidResponse() {
    t.enqueue(200, "not json");

    assertInstanceOf(InvalidResponseException.class, failure(t.jobs.cancelAsync("j")));
  }

  @Test
  void failsWithTransport() {
    t.server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));

    assertInstanceOf(TransportException.class, failure(t.jobs.cancelAsync("j")));
  }

  @Test
  void serverThatNeverAnswersFailsTheFutureWithTransport() throws Exception {
    t.close();
    t = TestServer.with().timeout(Duration.ofMillis(200)).start();
    t.server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

    TransportException e =
        assertInstanceOf(TransportException.class, failure(t.jobs.cancelAsync("j")));

    assertTrue(e.getMessage().contains(" timed out after 200 ms"), e.getMessage());
  }

  @Test
  void cancellingTheFutureAbortsTheCall() throws Exception {
    t.server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    CompletableFuture<CancelResult<TestJob>> future = t.jobs.cancelAsync("j");
    t.server.takeRequest(5, TimeUnit.SECONDS); // the request is in flight

    assertTrue(future.cancel(true));

    assertTrue(future.isCancelled());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (t.runtime.http().dispatcher().runningCallsCount() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(0, t.runtime.http().dispatcher().runningCallsCount());
  }

  @Test
  void stagesThatBlockOnOtherCallsNeverStallTheClient() throws Exception {
    t.close();
    t = TestServer.with().maxConcurrentRequests(5).start(); // as many as OkHttp's per-host default
    t.server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse()
                .setBody("{\"status\":\"cancelled\"}")
                .setBodyDelay(50, TimeUnit.MILLISECONDS);
          }
        });
    List<CompletableFuture<CancelResult<TestJob>>> chained = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String next = "second-" + i;
      chained.add(t.jobs.cancelAsync("first-" + i).thenApply(r -> t.jobs.cancelAsync(next).join()));
    }

    CompletableFuture.allOf(chained.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

    assertEquals(10, t.server.getRequestCount());
    assertEquals( // and the client still works
        CancelState.CANCELLED, t.jobs.cancelAsync("after").get(5, TimeUnit.SECONDS).state());
  }

  @Test
  void stagesRunOnCallbackThreads() throws Exception {
    CountDownLatch attached = new CountDownLatch(1);
    t.server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            attached.await(5, SECONDS); // else a stage added after completion runs on its caller
            return new MockResponse().setBody("{\"status\":\"cancelled\"}");
          }
        });

    CompletableFuture<String> thread =
        t.jobs.cancelAsync("j").thenApply(r -> Thread.currentThread().getName());
    attached.countDown();

    String name = thread.get(5, SECONDS);
    assertTrue(name.startsWith("cancelkit-callback-"), name);
  }

  @Test
  void manyAsyncCallsRunSixtyFourAtATime() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    t.server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            Thread.sleep(200);
            inFlight.decrementAndGet();
            return new MockResponse().setBody("{\"status\":\"cancelled\"}");
          }
        });
    long start = System.nanoTime();

    List<CompletableFuture<CancelResult<TestJob>>> all = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      all.add(t.jobs.cancelAsync("job-" + i));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(millis < 4000, millis + " ms"); // 4 rounds of 200 ms; was 40 rounds (8.1 s)
    assertTrue(most.get() <= 64 && most.get() > 5, "in flight at once: " + most.get());
  }
}
