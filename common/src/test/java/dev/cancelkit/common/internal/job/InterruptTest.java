package dev.cancelkit.common.internal.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cancelkit.common.TransportException;
import dev.cancelkit.common.internal.client.RetryTimer;
import dev.cancelkit.common.testing.FakeTimer;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Interrupting a thread blocked in the library aborts the call at once, and the exception says
 * truthfully whether the provider got the request.
 */
class InterruptTest {
  private TestServer t;

  @AfterEach
  void stop() throws IOException {
    Thread.interrupted();
    if (t != null) {
      t.close();
    }
  }

  /** What a call did when its thread was interrupted, and how long it took to give up. */
  private record Interrupted(Throwable thrown, long millis, boolean flagSet) {}

  /**
   * Runs {@code call} on a thread, interrupts it once {@code ready} says so, and reports what
   * happened after the interrupt.
   */
  private static Interrupted interrupt(Supplier<?> call, Ready ready) throws Exception {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicLong after = new AtomicLong();
    AtomicReference<Boolean> flag = new AtomicReference<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                call.get();
              } catch (Throwable e) {
                thrown.set(e);
              }
              after.set(System.nanoTime());
              flag.set(Thread.currentThread().isInterrupted());
            });
    caller.start();
    ready.await();
    long interruptedAt = System.nanoTime();
    caller.interrupt();
    caller.join(10_000);
    assertFalse(caller.isAlive(), "the call ignored the interrupt");
    return new Interrupted(
        thrown.get(), TimeUnit.NANOSECONDS.toMillis(after.get() - interruptedAt), flag.get());
  }

  @FunctionalInterface
  private interface Ready {
    void await() throws Exception;
  }

  private Ready requestArrived() {
    return () -> assertNotNull(t.server.takeRequest(5, TimeUnit.SECONDS), "no request arrived");
  }

  @Test
  void interruptedCancelThrowsAtOnceAndSaysTheRequestWasSent() throws Exception {
    t = TestServer.with().timeout(Duration.ofSeconds(30)).start();
    t.server.enqueue( // the provider acts, but answers only after 3 s
        new MockResponse()
            .setBody("{\"status\":\"cancelled\"}")
            .setHeadersDelay(3, TimeUnit.SECONDS));

    Interrupted r = interrupt(() -> t.jobs.cancel("j"), requestArrived());

    TransportException e = (TransportException) r.thrown();
    assertTrue(r.millis() < 500, r.millis() + " ms"); // API: 100 ms; slack for a busy machine
    assertTrue(r.flagSet(), "interrupt flag set again");
    assertTrue(e.requestSent());
    assertEquals(
        "testprov: POST "
            + t.server.url("/v1/jobs/j/cancel")
            + " interrupted; the request was sent, so testprov may have acted on it: read the"
            + " job's status to know",
        e.getMessage());
    assertEquals(1, t.server.getRequestCount());
  }

  @Test
  void interruptedStatusReadThrowsAtOnce() throws Exception {
    t = TestServer.with().timeout(Duration.ofSeconds(30)).start();
    t.server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

    Interrupted r = interrupt(() -> t.jobs.status("j"), requestArrived());

    assertTrue(r.thrown() instanceof TransportException, String.valueOf(r.thrown()));
    assertTrue(r.millis() < 500, r.millis() + " ms");
    assertTrue(r.flagSet());
  }

  @Test
  void interruptDuringARetryWaitSaysTheEarlierAttemptWasSent() throws Exception {
    t = TestServer.with().timer(RetryTimer.SYSTEM).maxRetries(2).start();
    t.server.enqueue(new MockResponse().setResponseCode(503).setHeader("Retry-After", "30"));

    Interrupted r = interrupt(() -> t.jobs.cancel("j"), requestArrived());

    TransportException e = (TransportException) r.thrown();
    assertTrue(r.millis() < 500, r.millis() + " ms");
    assertTrue(e.requestSent(), "a 503 was answered: the provider saw the request");
    assertEquals(1, t.server.getRequestCount());
  }

  @Test
  void aThreadInterruptedBeforeTheCallSendsNothing() throws Exception {
    t = TestServer.with().start();
    t.enqueue(200, "{\"status\":\"cancelled\"}");
    Thread.currentThread().interrupt();

    TransportException e = null;
    try {
      t.jobs.cancel("j");
    } catch (TransportException x) {
      e = x;
    }

    assertNotNull(e);
    assertTrue(Thread.interrupted(), "flag kept");
    assertFalse(e.requestSent());
    assertTrue(e.getMessage().endsWith(" not sent: the calling thread was interrupted"));
    assertEquals(0, t.server.getRequestCount());
  }

  @Test
  void aRefusedConnectionSaysTheRequestWasNotSent() throws Exception {
    t = TestServer.with().start();
    t.server.shutdown();

    TransportException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            TransportException.class, () -> t.jobs.cancel("j"));

    assertFalse(e.requestSent());
    assertTrue(e.getMessage().endsWith("; the request was not sent"), e.getMessage());
  }

  @Test
  void interruptedWaitBetweenReadsThrowsWithTheLastState() throws Exception {
    t = TestServer.with().timer(RetryTimer.SYSTEM).start();
    t.enqueue(200, "{\"status\":\"cancelling\"}");
    t.enqueue(200, "{\"status\":\"cancelling\"}");

    Interrupted r =
        interrupt(
            () -> t.jobs.cancelAndAwait("j", Duration.ofMinutes(10)),
            () -> {
              requestArrived().await();
              Thread.sleep(100); // the answer is read; the wait for the first read has begun
            });

    TransportException e = (TransportException) r.thrown();
    assertTrue(r.millis() < 500, r.millis() + " ms");
    assertTrue(r.flagSet());
    assertTrue(e.requestSent());
    assertEquals(
        "testprov: interrupted while waiting for job j to end; its cancel was sent and answered,"
            + " last seen CANCELLING (cancelling): read the job's status to know more",
        e.getMessage());
  }

  @Test
  void interruptedReadWhileWaitingThrowsAtOnce() throws Exception {
    t = TestServer.with().timer(new FakeTimer()).timeout(Duration.ofSeconds(30)).start();
    t.enqueue(200, "{\"status\":\"cancelling\"}");
    t.server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

    Interrupted r =
        interrupt(
            () -> t.jobs.cancelAndAwait("j", Duration.ofMinutes(10)),
            () -> {
              requestArrived().await(); // the cancel
              requestArrived().await(); // the read, now hanging
            });

    TransportException e = (TransportException) r.thrown();
    assertTrue(r.millis() < 500, r.millis() + " ms");
    assertTrue(r.flagSet());
    assertTrue(e.getMessage().contains("last seen CANCELLING (cancelling)"), e.getMessage());
    assertTrue(e.getCause() instanceof TransportException, String.valueOf(e.getCause()));
  }
}
