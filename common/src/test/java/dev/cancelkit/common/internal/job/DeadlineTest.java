package dev.cancelkit.common.internal.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.CancelState;
import dev.cancelkit.common.ServerException;
import dev.cancelkit.common.TransportException;
import dev.cancelkit.common.internal.client.RetryTimer;
import dev.cancelkit.common.testing.FakeTimer;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A call as a whole is bounded: {@code totalTimeout}, and {@code cancelAndAwait}'s {@code maxWait}
 * plus one second, whatever the server does. Real time: these measure it.
 */
class DeadlineTest {
  private TestServer t;

  @AfterEach
  void stop() throws IOException {
    if (t != null) {
      t.close();
    }
  }

  private static long millisSince(long start) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  @Test
  void totalTimeoutEndsACallToAServerThatNeverAnswers() throws Exception {
    t =
        TestServer.with()
            .timer(RetryTimer.SYSTEM)
            .timeout(Duration.ofSeconds(10))
            .totalTimeout(Duration.ofMillis(500))
            .maxRetries(2)
            .start();
    t.server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    long start = System.nanoTime();

    TransportException e = assertThrows(TransportException.class, () -> t.jobs.cancel("j"));

    long millis = millisSince(start);
    assertTrue(millis >= 450 && millis < 1500, millis + " ms");
    assertTrue(
        e.getMessage().contains(" did not finish within the total timeout of 500 ms; "),
        e.getMessage());
    assertTrue(e.requestSent());
    assertEquals(1, t.server.getRequestCount());
  }

  @Test
  void aRetryAfterPastTheTotalTimeoutIsNotWaitedFor() throws Exception {
    t =
        TestServer.with()
            .timer(RetryTimer.SYSTEM)
            .totalTimeout(Duration.ofSeconds(5))
            .maxRetries(2)
            .start();
    t.server.enqueue(new MockResponse().setResponseCode(503).setHeader("Retry-After", "60"));
    long start = System.nanoTime();

    ServerException e = assertThrows(ServerException.class, () -> t.jobs.cancel("j"));

    assertTrue(millisSince(start) < 1000, millisSince(start) + " ms"); // was 120 s
    assertTrue(
        e.getMessage()
            .contains("; not retried: waiting 60 s would pass the total timeout of 5 s ("),
        e.getMessage());
    assertEquals(1, t.server.getRequestCount());
  }

  @Test
  void retriesThatFitInTheTotalTimeoutAreSent() throws Exception {
    FakeTimer timer = new FakeTimer();
    t = TestServer.with().timer(timer).totalTimeout(Duration.ofSeconds(30)).maxRetries(2).start();
    t.server.enqueue(new MockResponse().setResponseCode(503).setHeader("Retry-After", "2"));
    t.enqueue(200, "{\"status\":\"cancelled\"}");

    assertEquals(CancelState.CANCELLED, t.jobs.cancel("j").state());
    assertEquals(2, t.server.getRequestCount());
  }

  @Test
  void aCallWaitingForAConnectionSlotEndsAtItsDeadlineUnsent() throws Exception {
    t =
        TestServer.with()
            .timer(RetryTimer.SYSTEM)
            .timeout(Duration.ofSeconds(10))
            .maxConcurrentRequests(1)
            .start();
    t.server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    CompletableFuture<CancelResult<TestJob>> first = t.jobs.cancelAsync("a"); // holds the one slot
    t.server.takeRequest(5, TimeUnit.SECONDS);
    long start = System.nanoTime();

    TransportException e =
        assertThrows(TransportException.class, () -> t.jobs.cancelAndAwait("b", Duration.ZERO));

    assertTrue(millisSince(start) < 1500, millisSince(start) + " ms");
    assertFalse(e.requestSent(), e.getMessage());
    assertTrue(e.getMessage().endsWith("; the request was not sent"), e.getMessage());
    assertEquals(1, t.server.getRequestCount());
    first.cancel(true);
  }

  @Test
  void cancelAndAwaitEndsWithinMaxWaitPlusOneSecondWhenReadsHang() throws Exception {
    t = TestServer.with().timer(RetryTimer.SYSTEM).timeout(Duration.ofSeconds(2)).start();
    t.enqueue(200, "{\"status\":\"cancelling\"}");
    t.server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    t.server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    long start = System.nanoTime();

    CancelResult<TestJob> r = t.jobs.cancelAndAwait("j", Duration.ofSeconds(1));

    long millis = millisSince(start);
    assertTrue(millis < 2000, millis + " ms"); // was 8 s with timeout(2s)
    assertEquals(CancelState.CANCELLING, r.state());
    assertEquals(2, t.server.getRequestCount()); // the cancel, and one read cut short
  }

  @Test
  void cancelAndAwaitWithAHungCancelThrowsWithinMaxWaitPlusOneSecond() throws Exception {
    t = TestServer.with().timer(RetryTimer.SYSTEM).timeout(Duration.ofSeconds(60)).start();
    t.server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    long start = System.nanoTime();

    TransportException e =
        assertThrows(
            TransportException.class, () -> t.jobs.cancelAndAwait("j", Duration.ofSeconds(1)));

    long millis = millisSince(start);
    assertTrue(millis < 2000, millis + " ms");
    assertTrue(e.getMessage().contains(" did not finish within the wait of 1 s; "), e.getMessage());
    assertTrue(e.requestSent());
  }

  @Test
  void cancelAndAwaitSendsNoRetryThatCannotFinishInTime() throws Exception {
    t = TestServer.with().timer(RetryTimer.SYSTEM).maxRetries(2).start();
    t.server.enqueue(new MockResponse().setResponseCode(503).setHeader("Retry-After", "10"));
    long start = System.nanoTime();

    ServerException e =
        assertThrows(
            ServerException.class, () -> t.jobs.cancelAndAwait("j", Duration.ofSeconds(2)));

    assertTrue(millisSince(start) < 1000, millisSince(start) + " ms");
    assertTrue(e.getMessage().contains("not retried: waiting 10 s would pass the wait of 2 s"));
    assertEquals(1, t.server.getRequestCount());
  }
}
