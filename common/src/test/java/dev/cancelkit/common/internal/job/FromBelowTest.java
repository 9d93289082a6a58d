package dev.cancelkit.common.internal.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cancelkit.common.BulkOptions;
import dev.cancelkit.common.CancelOutcome;
import dev.cancelkit.common.TransportException;
import dev.cancelkit.common.internal.text.ScrubbedCause;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An unchecked exception from below (a user's interceptor or event listener, OkHttp's own
 * authenticators) ends the call as a {@link TransportException} that says whether the request was
 * sent, its cause scrubbed; it is not retried, and no stack trace reaches stderr.
 */
class FromBelowTest {
  private final AtomicInteger thrown = new AtomicInteger();
  private TestServer t;

  @AfterEach
  void close() throws IOException {
    if (t != null) {
      t.close();
    }
  }

  /** An interceptor that throws before anything is sent, quoting the key. */
  private OkHttpClient throwingInterceptor() {
    return new OkHttpClient.Builder()
        .addInterceptor(
            chain -> {
              thrown.incrementAndGet();
              throw new IllegalStateException("interceptor bug near " + TestServer.KEY);
            })
        .build();
  }

  private static void assertFromBelow(TransportException e, boolean sent) {
    assertEquals(sent, e.requestSent());
    assertTrue(e.getMessage().contains("failed below cancelkit"), e.getMessage());
    assertTrue(e.getMessage().contains("not retried"), e.getMessage());
    assertFalse(e.getMessage().contains(TestServer.KEY), e.getMessage());
    ScrubbedCause cause = assertInstanceOf(ScrubbedCause.class, e.getCause());
    assertFalse(String.valueOf(cause.getMessage()).contains(TestServer.KEY));
  }

  @Test
  void anInterceptorsExceptionEndsABlockingCallAsTransportNotSentNotRetried() throws Exception {
    t = TestServer.with().okHttpClient(throwingInterceptor()).maxRetries(2).start();

    TransportException e = assertThrows(TransportException.class, () -> t.jobs.cancel("j"));

    assertFromBelow(e, false);
    assertEquals(
        IllegalStateException.class.getName(), ((ScrubbedCause) e.getCause()).originalClass());
    assertEquals(1, thrown.get());
    assertEquals(0, t.server.getRequestCount());
  }

  @Test
  void anInterceptorsExceptionEndsAnAsyncCallWithoutAStackTraceOnStderr() throws Exception {
    t = TestServer.with().okHttpClient(throwingInterceptor()).maxRetries(2).start();
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      ExecutionException e =
          assertThrows(
              ExecutionException.class, () -> t.jobs.cancelAsync("j").get(5, TimeUnit.SECONDS));
      assertFromBelow(assertInstanceOf(TransportException.class, e.getCause()), false);
      Thread.sleep(300); // OkHttp rethrows on its thread after the callback: give it the time
    } finally {
      System.setErr(saved);
    }
    assertEquals("", err.toString(StandardCharsets.UTF_8));
    assertEquals(1, thrown.get());
  }

  @Test
  void anInterceptorsExceptionEndsEachIdOfABulkRunOnce() throws Exception {
    t = TestServer.with().okHttpClient(throwingInterceptor()).maxRetries(2).start();

    List<CancelOutcome<TestJob>> outcomes =
        t.jobs.cancelAll(List.of("a", "b", "c"), BulkOptions.defaults().concurrency(2));

    assertEquals(3, outcomes.size());
    for (CancelOutcome<TestJob> o : outcomes) {
      assertFromBelow(assertInstanceOf(TransportException.class, o.error().orElseThrow()), false);
    }
    assertEquals(3, thrown.get());
  }

  @Test
  void aListenerThatThrowsAfterTheRequestWentOutSaysItWasSent() throws Exception {
    OkHttpClient listening =
        new OkHttpClient.Builder()
            .eventListener(
                new EventListener() {
                  @Override
                  public void requestHeadersEnd(Call call, Request request) {
                    thrown.incrementAndGet();
                    throw new IllegalArgumentException("listener bug");
                  }
                })
            .build();
    t = TestServer.with().okHttpClient(listening).maxRetries(2).start();
    t.enqueue(200, "{\"status\":\"cancelled\"}");

    TransportException e = assertThrows(TransportException.class, () -> t.jobs.cancel("j"));

    assertFromBelow(e, true);
    assertTrue(e.getMessage().contains("may have acted on it"), e.getMessage());
    assertEquals(1, thrown.get());
  }
}
