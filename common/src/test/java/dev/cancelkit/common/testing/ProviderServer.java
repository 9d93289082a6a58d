package dev.cancelkit.common.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/** A loopback server for provider tests: canned JSON answers, and the requests that reached it. */
public final class ProviderServer implements AutoCloseable {
  private final MockWebServer server = new MockWebServer();

  public ProviderServer() {
    server.setServerSocketFactory(new NoDelayServerSockets());
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The server's URL for {@code path}, such as a base URL {@code /v1}. */
  public String url(String path) {
    return server.url(path).toString();
  }

  /** Queues a JSON answer. */
  public void answer(int code, String json) {
    server.enqueue(
        new MockResponse()
            .setResponseCode(code)
            .setHeader("Content-Type", "application/json")
            .setBody(json));
  }

  /** Queues any answer. */
  public void answer(MockResponse response) {
    server.enqueue(response);
  }

  /** Answers every request from now on with what {@code answer} makes of it (no queue). */
  public void answerEach(Function<RecordedRequest, MockResponse> answer) {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return answer.apply(request);
          }
        });
  }

  /** The next request the server received; fails if none arrives within five seconds. */
  public RecordedRequest take() throws InterruptedException {
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertNotNull(r, "no request reached the server");
    return r;
  }

  /** How many requests reached the server. */
  public int requestCount() {
    return server.getRequestCount();
  }

  /**
   * A test resource of {@code owner}'s module as text, such as {@code
   * /together/batch-job-example.json}.
   */
  public static String resource(Class<?> owner, String path) {
    try (InputStream in = owner.getResourceAsStream(path)) {
      assertNotNull(in, path);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    server.shutdown();
  }
}
