package dev.cancelkit.common.internal.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.CancelState;
import dev.cancelkit.common.TransportException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A blocking call sends on the caller's own thread, and shares the client's bound on calls in
 * flight with async calls, both ways.
 */
class BlockingCallTest {
  private TestServer t;

  @AfterEach
  void stop() throws IOException {
    Thread.interrupted();
    if (t != null) {
      t.close();
    }
  }

  /** A blocking cancel of {@code id} on its own thread: what it threw, and its interrupt flag. */
  private static final class Caller {
    final AtomicReference<Throwable> thrown = new AtomicReference<>();
    final AtomicReference<Boolean> flag = new AtomicReference<>();
    final Thread thread;

    Caller(TestServer t, String id) {
      thread =
          new Thread(
              () -> {
                try {
                  t.jobs.cancel(id);
                } catch (Throwable e) {
                  thrown.set(e);
                }
                flag.set(Thread.currentThread().isInterrupted());
              });
      thread.start();
    }

    /** Interrupts it and waits (5 s at most) for it to end. */
    void interruptAndJoin() throws InterruptedException {
      thread.interrupt();
      thread.join(5_000);
      assertFalse(thread.isAlive(), "the call ignored the interrupt");
    }
  }

  @Test
  void blockingCancelSendsOnTheCallersThreadAndRetriesThere() throws Exception {
    List<String> threads = new CopyOnWriteArrayList<>();
    OkHttpClient recording =
        new OkHttpClient.Builder()
            .addInterceptor(
                chain -> {
                  threads.add(Thread.currentThread().getName());
                  return chain.proceed(chain.request());
                })
            .build();
    t = TestServer.with().okHttpClient(recording).maxRetries(1).start();
    t.server.enqueue(new MockResponse().setResponseCode(503).setHeader("Retry-After", "1"));
    t.enqueue(200, "{\"status\":\"cancelled\"}");

    assertEquals(CancelState.CANCELLED, t.jobs.cancel("j").state());

    String me = Thread.currentThread().getName();
    assertEquals(List.of(me, me), threads);
    assertEquals(2, t.server.getRequestCount());
  }

  @Test
  void interruptWhileTheBodyTricklesInEndsTheCallAtOnce() throws Exception {
    t = TestServer.with().timeout(Duration.ofSeconds(30)).start();
    t.server.enqueue( // the head at once, then one byte a second
        new MockResponse()
            .setBody("{\"status\":\"cancelled\",\"pad\":\"" + "x".repeat(100) + "\"}")
            .throttleBody(1, 1, TimeUnit.SECONDS));
    Caller caller = new Caller(t, "slow-body");
    assertNotNull(t.server.takeRequest(5, TimeUnit.SECONDS));
    Thread.sleep(300); // reading the body
    long start = System.nanoTime();
    caller.interruptAndJoin();

    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(millis < 1000, millis + " ms");
    TransportException e = (TransportException) caller.thrown.get();
    assertTrue(e.requestSent(), e.getMessage());
    assertTrue(e.getMessage().contains(" interrupted; the request was sent"), e.getMessage());
  }

  @Test
  void asyncCallWaitsForASlotABlockingCallHolds() throws Exception {
    t = TestServer.with().maxConcurrentRequests(1).timeout(Duration.ofSeconds(30)).start();
    t.server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    t.enqueue(200, "{\"status\":\"cancelled\"}");
    Caller caller = new Caller(t, "held");
    assertNotNull(t.server.takeRequest(5, TimeUnit.SECONDS));

    CompletableFuture<CancelResult<TestJob>> queued = t.jobs.cancelAsync("queued");

    assertNull(t.server.takeRequest(300, TimeUnit.MILLISECONDS), "sent past the bound");
    caller.interruptAndJoin(); // ends the blocking call; its slot goes to the async one
    Throwable blocked = caller.thrown.get();
    assertTrue(blocked instanceof TransportException, String.valueOf(blocked));
    assertEquals(CancelState.CANCELLED, queued.get(5, TimeUnit.SECONDS).state());
    assertEquals(2, t.server.getRequestCount());
  }

  @Test
  void interruptWhileWaitingForASlotSendsNothingAndGivesTheSlotBack() throws Exception {
    t = TestServer.with().maxConcurrentRequests(1).timeout(Duration.ofSeconds(30)).start();
    t.server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    CompletableFuture<CancelResult<TestJob>> holder = t.jobs.cancelAsync("holder");
    assertNotNull(t.server.takeRequest(5, TimeUnit.SECONDS));
    Caller waiter = new Caller(t, "waiting");
    Thread.sleep(200); // waiting for the slot
    waiter.interruptAndJoin();

    TransportException e = (TransportException) waiter.thrown.get();
    assertFalse(e.requestSent(), e.getMessage());
    assertTrue(e.getMessage().endsWith("interrupted; the request was not sent"), e.getMessage());
    assertTrue(waiter.flag.get());
    holder.cancel(true); // frees the slot: the next call goes out
    t.enqueue(200, "{\"status\":\"cancelled\"}");
    assertEquals(CancelState.CANCELLED, t.jobs.cancel("after").state());
    assertEquals(2, t.server.getRequestCount());
  }

  @Test
  void blockingCallsEndingEveryWayLeaveNoSlotTaken() throws Exception {
    t = TestServer.with().maxConcurrentRequests(2).timeout(Duration.ofMillis(300)).start();
    t.enqueue(200, "{\"status\":\"cancelled\"}");
    t.enqueue(404, "{}");
    t.server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

    t.jobs.cancel("ok");
    assertThrows(RuntimeException.class, () -> t.jobs.cancel("missing"));
    assertThrows(TransportException.class, () -> t.jobs.cancel("timed-out"));

    assertEquals(0, t.runtime.engine().slots().inUse());
  }
}
