package dev.cancelkit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cancelkit.cerebras.CerebrasClient;
import dev.cancelkit.common.CancelKitException;
import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.testing.NoDelayServerSockets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;

/**
 * One client shared by 32 threads making 500 cancels each, against a server that answers with
 * results, errors and faults by the job's number: every call ends in exactly one outcome, and the
 * outcomes tally with what the server did.
 */
class SharedClientConcurrencyTest {
  static final int THREADS = 32;
  static final int CALLS_PER_THREAD = 500;

  /** What the server does with job number {@code n}, and the outcome the caller must see. */
  static String expected(int n) {
    switch (n % 8) {
      case 0:
      case 1:
      case 2:
        return "CANCELLED";
      case 3:
        return "CANCELLING";
      case 4:
        return "NotFoundException";
      case 5:
        return "ServerException";
      case 6:
        return "TransportException";
      default:
        return "InvalidResponseException";
    }
  }

  static MockResponse answer(int n) {
    switch (n % 8) {
      case 0:
      case 1:
      case 2:
        return new MockResponse().setBody("{\"id\":\"batch_" + n + "\",\"status\":\"cancelled\"}");
      case 3:
        return new MockResponse().setBody("{\"id\":\"batch_" + n + "\",\"status\":\"cancelling\"}");
      case 4:
        return new MockResponse()
            .setResponseCode(404)
            .setBody("{\"message\":\"no batch_" + n + "\"}");
      case 5:
        return new MockResponse().setResponseCode(500).setBody("{\"message\":\"boom\"}");
      case 6:
        return new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
      default:
        return new MockResponse().setBody("{\"status\":\"cancelled\"");
    }
  }

  @Test
  void everyCallEndsInExactlyOneOutcomeThatTalliesWithTheServer() throws Exception {
    AtomicInteger served = new AtomicInteger();
    try (MockWebServer server = new MockWebServer()) {
      server.setServerSocketFactory(new NoDelayServerSockets());
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              served.incrementAndGet();
              return answer(
                  Integer.parseInt(
                      request.getRequestUrl().pathSegments().get(2).substring("batch_".length())));
            }
          });
      server.start();
      Map<String, String> outcomes = new ConcurrentHashMap<>();
      try (CerebrasClient cerebras =
          CerebrasClient.builder()
              .apiKey("sk-concurrency-123")
              .baseUrl(server.url("/v1").toString())
              .maxRetries(0)
              .timeout(Duration.ofSeconds(30))
              .build()) {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        Future<?>[] workers = new Future<?>[THREADS];
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          workers[t] =
              pool.submit(
                  () -> {
                    go.await();
                    for (int i = 0; i < CALLS_PER_THREAD; i++) {
                      String id = "batch_" + (thread * CALLS_PER_THREAD + i);
                      String outcome;
                      try {
                        CancelResult<?> r = cerebras.batches().cancel(id);
                        outcome = r.state().name();
                      } catch (CancelKitException e) {
                        outcome = e.getClass().getSimpleName();
                      }
                      assertNull(outcomes.put(id, outcome), id + " ended twice");
                    }
                    return null;
                  });
        }
        go.countDown();
        for (Future<?> w : workers) {
          w.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
      }

      int total = THREADS * CALLS_PER_THREAD;
      assertEquals(total, outcomes.size());
      assertEquals(total, served.get());
      Map<String, Integer> want = new HashMap<>();
      Map<String, Integer> got = new HashMap<>();
      for (int n = 0; n < total; n++) {
        assertEquals(expected(n), outcomes.get("batch_" + n), "batch_" + n);
        want.merge(expected(n), 1, Integer::sum);
        got.merge(outcomes.get("batch_" + n), 1, Integer::sum);
      }
      assertEquals(want, got);
    }
  }
}
