package dev.cancelkit.common.internal.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cancelkit.common.BulkOptions;
import dev.cancelkit.common.CancelAllInterruptedException;
import dev.cancelkit.common.CancelOutcome;
import dev.cancelkit.common.CancelState;
import dev.cancelkit.common.RateLimitException;
import dev.cancelkit.common.ServerException;
import dev.cancelkit.common.internal.client.RetryTimer;
import dev.cancelkit.common.testing.FakeTimer;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code cancelAll}: one outcome per distinct id, in order, bounded concurrency, and a shared pause
 * on 429.
 */
class BulkTest {
  private final FakeTimer timer = new FakeTimer();
  private TestServer t;

  @BeforeEach
  void start() throws IOException {
    t = TestServer.with().timer(timer).clock(timer.clock).maxRetries(2).start();
  }

  @AfterEach
  void stop() throws IOException {
    t.close();
  }

  private void answer(Function<String, MockResponse> byId) {
    t.server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return byId.apply(request.getRequestUrl().pathSegments().get(2));
          }
        });
  }

  /** Ids job-0 to job-9 are answered at once; every other id hangs. */
  private static void firstTenAnswerTheRestHang(TestServer real) {
    real.server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String id = request.getRequestUrl().pathSegments().get(2);
            return Integer.parseInt(id.substring(4)) < 10
                ? cancelled(id)
                : new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE);
          }
        });
  }

  private static MockResponse cancelled(String id) {
    return new MockResponse().setBody("{\"id\":\"" + id + "\",\"status\":\"cancelled\"}");
  }

  @Test
  void oneOutcomePerDistinctIdInOrderOfFirstAppearance() {
    answer(BulkTest::cancelled);

    List<CancelOutcome<TestJob>> out =
        t.jobs.cancelAll(List.of("b", "a", "b", "c", "a"), BulkOptions.defaults());

    assertEquals(
        List.of("b", "a", "c"),
        out.stream().map(CancelOutcome::jobId).collect(Collectors.toList()));
    assertEquals("a", out.get(1).result().orElseThrow().response().getId());
    assertEquals(3, t.server.getRequestCount());
  }

  @Test
  void anInvalidIdRefusesTheWholeBatchBeforeSending() {
    answer(BulkTest::cancelled);

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> t.jobs.cancelAll(Arrays.asList("a", "b", "..", "c"), BulkOptions.defaults()));

    assertTrue(e.getMessage().startsWith("jobIds[2] is not a valid id: '..'"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> t.jobs.cancelAll(Arrays.asList("a", null), BulkOptions.defaults()));
    assertEquals(0, t.server.getRequestCount());
  }

  @Test
  void emptyBatchSendsNothing() {
    assertEquals(List.of(), t.jobs.cancelAll(List.of(), BulkOptions.defaults()));
  }

  @Test
  void neverMoreThanConcurrencyCallsInFlight() {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    answer(
        id -> {
          most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          try {
            Thread.sleep(2);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          inFlight.decrementAndGet();
          return cancelled(id);
        });
    List<String> ids =
        IntStream.range(0, 300).mapToObj(i -> "job-" + i).collect(Collectors.toList());

    List<CancelOutcome<TestJob>> out = t.jobs.cancelAll(ids, BulkOptions.defaults().concurrency(4));

    assertEquals(300, out.size());
    assertTrue(most.get() <= 4, "at most 4 in flight, saw " + most.get());
    assertTrue(most.get() >= 2, "ran in parallel, saw " + most.get());
  }

  @Test
  void aBulkRunKeepsItsConnectionsOpenBetweenCalls() {
    // OkHttp's default pool keeps 5 idle connections: at 16 calls in flight, connections were
    // closed and opened all through the run (each a handshake, and a thread on many servers)
    AtomicInteger opened = new AtomicInteger();
    answer(
        id -> {
          try {
            Thread.sleep(2);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return cancelled(id);
        });
    t.server.setDispatcher(countingConnections(t.server.getDispatcher(), opened));
    List<String> ids =
        IntStream.range(0, 800).mapToObj(i -> "job-" + i).collect(Collectors.toList());

    List<CancelOutcome<TestJob>> out =
        t.jobs.cancelAll(ids, BulkOptions.defaults().concurrency(16));

    assertEquals(800, out.size());
    assertTrue(opened.get() <= 16, "connections opened: " + opened.get());
  }

  /** Counts the requests that came first on their connection: the connections opened. */
  private static Dispatcher countingConnections(Dispatcher inner, AtomicInteger opened) {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        if (request.getSequenceNumber() == 0) {
          opened.incrementAndGet();
        }
        return inner.dispatch(request);
      }
    };
  }

  @Test
  void progressHearsEachIdOnce() {
    answer(BulkTest::cancelled);
    List<String> heard = new CopyOnWriteArrayList<>();

    t.jobs.cancelAll(
        List.of("a", "b", "c", "a"), BulkOptions.defaults().onProgress(o -> heard.add(o.jobId())));

    assertEquals(Set.of("a", "b", "c"), Set.copyOf(heard));
    assertEquals(3, heard.size());
  }

  @Test
  void aThrowingListenerDoesNotStopTheBatch() {
    answer(BulkTest::cancelled);

    List<CancelOutcome<TestJob>> out =
        t.jobs.cancelAll(
            List.of("a", "b"),
            BulkOptions.defaults()
                .onProgress(
                    o -> {
                      throw new IllegalStateException("listener bug");
                    }));

    assertEquals(2, out.size());
  }

  @Test
  void tenThousandIdsThroughRateLimitsAndServerErrors() {
    Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();
    answer(
        id -> {
          int n = Integer.parseInt(id.substring(4));
          int attempt = sent.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
          if (n % 97 == 0 && attempt == 1) {
            return new MockResponse()
                .setResponseCode(429)
                .setHeader("Retry-After", "2")
                .setBody("{}");
          }
          if (n % 89 == 0 && attempt <= 2) {
            return new MockResponse().setResponseCode(503).setBody("{\"message\":\"busy\"}");
          }
          if (n % 83 == 0) {
            return new MockResponse().setResponseCode(500).setBody("{\"message\":\"broken\"}");
          }
          return cancelled(id);
        });
    List<String> ids =
        IntStream.range(0, 10_000).mapToObj(i -> "job-" + i).collect(Collectors.toList());
    AtomicInteger progress = new AtomicInteger();

    List<CancelOutcome<TestJob>> out =
        t.jobs.cancelAll(
            ids,
            BulkOptions.defaults().concurrency(16).onProgress(o -> progress.incrementAndGet()));

    assertEquals(10_000, out.size());
    assertEquals(10_000, progress.get());
    int expectedRequests = 0;
    for (int n = 0; n < 10_000; n++) {
      CancelOutcome<TestJob> o = out.get(n);
      assertEquals("job-" + n, o.jobId());
      assertTrue(o.result().isPresent() != o.error().isPresent(), o.toString());
      int sentForN = n % 89 == 0 ? 3 : n % 83 == 0 ? 3 : n % 97 == 0 ? 2 : 1;
      if (n % 83 == 0) {
        assertTrue(
            o.error().orElseThrow() instanceof ServerException, o.toString()); // 500 three times
      } else {
        assertEquals(CancelState.CANCELLED, o.result().orElseThrow().state(), o.toString());
      }
      expectedRequests += sentForN;
    }
    assertEquals(expectedRequests, t.server.getRequestCount());
  }

  @Test
  void aRateLimitPausesEveryWorker() throws Exception {
    // real time here: the fake timer would end the pause the moment the worker that saw the 429
    // slept
    try (TestServer real = TestServer.with().timer(RetryTimer.SYSTEM).maxRetries(2).start()) {
      List<long[]> arrivals = new CopyOnWriteArrayList<>(); // {nanoTime, was the 429}
      AtomicInteger count = new AtomicInteger();
      real.server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              boolean limited = count.incrementAndGet() == 5;
              arrivals.add(new long[] {System.nanoTime(), limited ? 1 : 0});
              return limited
                  ? new MockResponse()
                      .setResponseCode(429)
                      .setHeader("retry-after-ms", "1000")
                      .setBody("{}")
                  : cancelled(request.getRequestUrl().pathSegments().get(2));
            }
          });
      List<String> ids =
          IntStream.range(0, 40).mapToObj(i -> "job-" + i).collect(Collectors.toList());

      List<CancelOutcome<TestJob>> out =
          real.jobs.cancelAll(ids, BulkOptions.defaults().concurrency(4));

      assertEquals(40, out.stream().filter(o -> o.result().isPresent()).count());
      long limitedAt = arrivals.stream().filter(a -> a[1] == 1).findFirst().orElseThrow()[0];
      long quiet =
          arrivals.stream()
              .filter(a -> a[0] > limitedAt + 200_000_000L && a[0] < limitedAt + 900_000_000L)
              .count();
      assertEquals(0, quiet, "requests sent while the batch was paused");
      assertEquals(41, arrivals.size());
    }
  }

  @Test
  void concurrencyOutsideOneTo256IsRefused() {
    assertThrows(IllegalArgumentException.class, () -> BulkOptions.defaults().concurrency(0));
    assertThrows(IllegalArgumentException.class, () -> BulkOptions.defaults().concurrency(257));
    assertEquals(256, BulkOptions.defaults().concurrency(256).concurrency());
    assertEquals(8, BulkOptions.defaults().concurrency());
  }

  @Test
  void aRetryAfterTooLongToWaitForStopsTheRunAtOnce() {
    answer(
        id ->
            new MockResponse()
                .setResponseCode(429)
                .setHeader("Retry-After", "3600")
                .setBody("{\"message\":\"slow down\"}"));
    List<String> ids =
        IntStream.range(0, 24).mapToObj(i -> "job-" + i).collect(Collectors.toList());
    List<String> heard = new CopyOnWriteArrayList<>();

    List<CancelOutcome<TestJob>> out =
        t.jobs.cancelAll(ids, BulkOptions.defaults().onProgress(o -> heard.add(o.jobId())));

    assertEquals(24, out.size());
    assertEquals(24, heard.size());
    int sent = t.server.getRequestCount();
    assertTrue(sent >= 1 && sent <= 8, sent + " requests"); // only the first wave; was 24 x 3
    assertTrue(timer.waits.isEmpty(), "nobody waited: " + timer.waits);
    for (CancelOutcome<TestJob> o : out) {
      RateLimitException e = (RateLimitException) o.error().orElseThrow();
      assertEquals(Duration.ofHours(1), e.retryAfter().orElseThrow(), o.toString());
    }
    RateLimitException last = (RateLimitException) out.get(23).error().orElseThrow();
    assertEquals(
        "testprov: not sent: testprov asked this bulk run to wait 3600 s (Retry-After), longer"
            + " than cancelkit waits",
        last.getMessage());
  }

  @Test
  void anInterruptStopsTheRunAndAccountsForEveryId() throws Exception {
    try (TestServer real = TestServer.with().timer(RetryTimer.SYSTEM).start()) {
      firstTenAnswerTheRestHang(real);
      List<String> ids =
          IntStream.range(0, 100).mapToObj(i -> "job-" + i).collect(Collectors.toList());
      AtomicInteger heard = new AtomicInteger();
      CountDownLatch tenHeard = new CountDownLatch(10);
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      AtomicLong endedAt = new AtomicLong();
      AtomicBoolean flag = new AtomicBoolean();
      Thread caller =
          new Thread(
              () -> {
                try {
                  real.jobs.cancelAll(
                      ids,
                      BulkOptions.defaults()
                          .concurrency(4)
                          .onProgress(
                              o -> {
                                heard.incrementAndGet();
                                tenHeard.countDown();
                              }));
                } catch (Throwable e) {
                  thrown.set(e);
                }
                endedAt.set(System.nanoTime());
                flag.set(Thread.currentThread().isInterrupted());
              });
      caller.start();
      assertTrue(tenHeard.await(5, TimeUnit.SECONDS));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (real.server.getRequestCount() < 14 && System.nanoTime() < deadline) {
        Thread.sleep(5); // four more are sent, and hang
      }

      long interruptedAt = System.nanoTime();
      caller.interrupt();
      caller.join(5000);

      long millis = TimeUnit.NANOSECONDS.toMillis(endedAt.get() - interruptedAt);
      assertTrue(millis < 1000, millis + " ms");
      assertTrue(flag.get(), "interrupt flag set again");
      CancelAllInterruptedException e = (CancelAllInterruptedException) thrown.get();
      assertEquals(ids.subList(0, 10), e.outcomes().stream().map(CancelOutcome::jobId).toList());
      assertEquals(ids.subList(10, 14), e.unknown());
      assertEquals(ids.subList(14, 100), e.unsent());
      assertEquals(14, real.server.getRequestCount());
      int heardWhenItThrew = heard.get();
      Thread.sleep(300);
      assertEquals(10, heardWhenItThrew);
      assertEquals(10, heard.get(), "onProgress called after cancelAll threw");
    }
  }

  @Test
  void anInterruptWithAGraceLetsTheCallsInFlightAnswerAndSendsNothingMore() throws Exception {
    try (TestServer real = TestServer.with().timer(RetryTimer.SYSTEM).start()) {
      real.server.setDispatcher( // ten answer at once, three after 300 ms, job-13 never
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              String id = request.getRequestUrl().pathSegments().get(2);
              int n = Integer.parseInt(id.substring(4));
              if (n < 10) {
                return cancelled(id);
              }
              return n == 13
                  ? new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE)
                  : cancelled(id).setHeadersDelay(300, TimeUnit.MILLISECONDS);
            }
          });
      List<String> ids =
          IntStream.range(0, 100).mapToObj(i -> "job-" + i).collect(Collectors.toList());
      List<String> heard = new CopyOnWriteArrayList<>();
      CountDownLatch tenHeard = new CountDownLatch(10);
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      AtomicLong endedAt = new AtomicLong();
      Thread caller =
          new Thread(
              () -> {
                try {
                  real.jobs.cancelAll(
                      ids,
                      BulkOptions.defaults()
                          .concurrency(4)
                          .interruptGrace(Duration.ofSeconds(1))
                          .onProgress(
                              o -> {
                                heard.add(o.jobId());
                                tenHeard.countDown();
                              }));
                } catch (Throwable e) {
                  thrown.set(e);
                }
                endedAt.set(System.nanoTime());
              });
      caller.start();
      assertTrue(tenHeard.await(5, TimeUnit.SECONDS));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (real.server.getRequestCount() < 14 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }

      long interruptedAt = System.nanoTime();
      caller.interrupt();
      caller.join(5000);

      long millis = TimeUnit.NANOSECONDS.toMillis(endedAt.get() - interruptedAt);
      assertTrue(millis < 2000, millis + " ms"); // the grace, then at most 1 s
      CancelAllInterruptedException e = (CancelAllInterruptedException) thrown.get();
      assertEquals(ids.subList(0, 13), e.outcomes().stream().map(CancelOutcome::jobId).toList());
      assertEquals(List.of("job-13"), e.unknown());
      assertEquals(ids.subList(14, 100), e.unsent());
      assertEquals(14, real.server.getRequestCount(), "nothing sent after the interrupt");
      assertEquals(Set.copyOf(ids.subList(0, 13)), Set.copyOf(heard));
    }
  }

  @Test
  void interruptGraceIsZeroToOneMinute() {
    assertEquals(Duration.ZERO, BulkOptions.defaults().interruptGrace());
    assertThrows(
        IllegalArgumentException.class,
        () -> BulkOptions.defaults().interruptGrace(Duration.ofMillis(-1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> BulkOptions.defaults().interruptGrace(Duration.ofSeconds(61)));
  }

  @Test
  void aTypedListenerHearsEachOutcomeWithItsModel() {
    answer(BulkTest::cancelled);
    List<String> heard = new CopyOnWriteArrayList<>();
    AtomicInteger untyped = new AtomicInteger();

    List<CancelOutcome<TestJob>> out =
        t.jobs.cancelAll(
            List.of("a", "b", "a"),
            BulkOptions.defaults().onProgress(o -> untyped.incrementAndGet()),
            o -> heard.add(o.result().orElseThrow().response().getId()));

    assertEquals(2, out.size());
    assertEquals(Set.of("a", "b"), Set.copyOf(heard));
    assertEquals(2, untyped.get(), "the options' own listener is still called");
  }

  @Test
  void cancelAllWithoutOptionsUsesTheDefaults() {
    answer(BulkTest::cancelled);

    List<CancelOutcome<TestJob>> out = t.jobs.cancelAll(List.of("a", "b"));

    assertEquals(
        List.of(CancelState.CANCELLED, CancelState.CANCELLED),
        out.stream().map(o -> o.result().orElseThrow().state()).collect(Collectors.toList()));
    assertEquals(2, t.server.getRequestCount());
  }

  @Test
  void cancelEachHandsOnEveryOutcomeAndCancelsADuplicateAgain() {
    answer(BulkTest::cancelled);
    List<String> heard = new CopyOnWriteArrayList<>();
    List<String> ids = new java.util.ArrayList<>();
    IntStream.range(0, 500).forEach(i -> ids.add("job-" + i));
    ids.add("job-7");

    t.jobs.cancelEach(ids, BulkOptions.defaults().concurrency(4), o -> heard.add(o.jobId()));

    assertEquals(501, heard.size());
    assertEquals(501, t.server.getRequestCount());
    assertEquals(2, heard.stream().filter("job-7"::equals).count());
  }

  @Test
  void cancelEachStopsAtAnInvalidIdAfterTheCallsInFlight() {
    answer(BulkTest::cancelled);
    List<String> heard = new CopyOnWriteArrayList<>();

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                t.jobs.cancelEach(
                    List.of("a", "b", "..", "c"),
                    BulkOptions.defaults(),
                    o -> heard.add(o.jobId())));

    assertTrue(e.getMessage().startsWith("jobIds item 3 is not a valid id: "), e.getMessage());
    assertEquals(Set.of("a", "b"), Set.copyOf(heard));
    assertEquals(2, t.server.getRequestCount());
  }

  @Test
  void cancelEachTakesIdsOnlyAsCallsFinishAndAnInterruptNamesTheTakenOnes() throws Exception {
    try (TestServer real = TestServer.with().timer(RetryTimer.SYSTEM).start()) {
      firstTenAnswerTheRestHang(real);
      AtomicInteger taken = new AtomicInteger();
      Iterable<String> endless = // a million ids, made as they are taken
          () ->
              new java.util.Iterator<String>() {
                @Override
                public boolean hasNext() {
                  return taken.get() < 1_000_000;
                }

                @Override
                public String next() {
                  return "job-" + taken.getAndIncrement();
                }
              };
      List<String> heard = new CopyOnWriteArrayList<>();
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      Thread caller =
          new Thread(
              () -> {
                try {
                  real.jobs.cancelEach(
                      endless, BulkOptions.defaults().concurrency(4), o -> heard.add(o.jobId()));
                } catch (Throwable e) {
                  thrown.set(e);
                }
              });
      caller.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (real.server.getRequestCount() < 14 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      Thread.sleep(100); // nothing more is taken while the four hang

      caller.interrupt();
      caller.join(5000);

      CancelAllInterruptedException e = (CancelAllInterruptedException) thrown.get();
      assertEquals(List.of(), e.outcomes(), "handed on, not kept");
      assertEquals(List.of("job-10", "job-11", "job-12", "job-13"), e.unknown());
      assertTrue(taken.get() <= 15, taken + " ids taken");
      assertEquals(taken.get() - 14, e.unsent().size(), e.unsent().toString());
      assertEquals(14, real.server.getRequestCount());
      assertEquals(10, heard.size());
    }
  }
}
