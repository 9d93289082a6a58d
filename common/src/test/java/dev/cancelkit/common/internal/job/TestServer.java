package dev.cancelkit.common.internal.job;

import dev.cancelkit.common.JobState;
import dev.cancelkit.common.internal.client.ClientOptions;
import dev.cancelkit.common.internal.client.ProviderSpec;
import dev.cancelkit.common.internal.client.RetryTimer;
import dev.cancelkit.common.internal.runtime.ClientRuntime;
import dev.cancelkit.common.testing.FakeTimer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;

/** A loopback server and a {@code testprov} client pointed at it. */
final class TestServer implements AutoCloseable {
  static final String KEY = "sk-test-0123456789abcdef";
  static final ProviderSpec PROVIDER =
      new ProviderSpec(
          "testprov", "TESTPROV_API_KEY", "TESTPROV_BASE_URL", "https://api.example.invalid/v1");
  static final StatusTable STATES =
      StatusTable.builder("TestServer.STATES")
          .cancelled("cancelled")
          .cancelling("cancelling", "running")
          .notCancellable("completed", "done")
          .read(JobState.ACTIVE, "running")
          .read(JobState.CANCELLING, "cancelling")
          .read(JobState.CANCELLED, "cancelled")
          .read(JobState.FINISHED, "completed", "done")
          .build();

  final MockWebServer server = new MockWebServer();
  final ClientRuntime runtime;
  final CancelOperation<TestJob> jobs;

  /** No retries, a five-second timeout, no logging. */
  TestServer() throws IOException {
    this(new Options());
  }

  TestServer(Options o) throws IOException {
    server.setServerSocketFactory(new dev.cancelkit.common.testing.NoDelayServerSockets());
    server.start();
    runtime =
        ClientRuntime.create(
            PROVIDER,
            new ClientOptions(
                o.apiKey,
                o.baseUrl != null ? o.baseUrl : server.url("/v1").toString(),
                o.timeout,
                o.totalTimeout,
                o.maxRetries,
                o.maxConcurrentRequests,
                o.okHttpClient,
                o.baseUrl != null,
                name -> null,
                o.clock,
                o.timer,
                o.logSink != null,
                o.logSink));
    TestApi api = runtime.service(TestApi.class);
    jobs =
        CancelOperation.builder(runtime, TestJob.class)
            .cancel(api::cancel)
            .read(api::get)
            .list(ListSpec.unpaged(api::list, null))
            .kind("job")
            .states(STATES)
            .resultStatuses(o.resultStatuses.toArray(Integer[]::new))
            .build();
  }

  /** What a test may change. */
  static final class Options {
    String apiKey = KEY;
    String baseUrl; // another base URL than the server's, plain http allowed
    Set<Integer> resultStatuses = Set.of();
    int maxRetries;
    Duration timeout = Duration.ofSeconds(5);
    Duration totalTimeout;
    int maxConcurrentRequests = 64;
    OkHttpClient okHttpClient;
    RetryTimer timer = new FakeTimer();
    Clock clock = Clock.systemUTC();
    Consumer<String> logSink;

    Options resultStatuses(Integer... codes) {
      resultStatuses = Set.of(codes);
      return this;
    }

    Options maxRetries(int n) {
      maxRetries = n;
      return this;
    }

    Options timeout(Duration d) {
      timeout = d;
      return this;
    }

    Options totalTimeout(Duration d) {
      totalTimeout = d;
      return this;
    }

    Options maxConcurrentRequests(int n) {
      maxConcurrentRequests = n;
      return this;
    }

    Options okHttpClient(OkHttpClient c) {
      okHttpClient = c;
      return this;
    }

    Options timer(RetryTimer t) {
      timer = t;
      return this;
    }

    Options clock(Clock c) {
      clock = c;
      return this;
    }

    Options logTo(Consumer<String> sink) {
      logSink = sink;
      return this;
    }

    Options baseUrl(String url) {
      baseUrl = url;
      return this;
    }

    Options apiKey(String key) {
      apiKey = key;
      return this;
    }

    TestServer start() throws IOException {
      return new TestServer(this);
    }
  }

  static Options with() {
    return new Options();
  }

  void enqueue(int code, String body) {
    server.enqueue(
        new MockResponse()
            .setResponseCode(code)
            .setHeader("Content-Type", "application/json")
            .setBody(body));
  }

  @Override
  public void close() throws IOException {
    runtime.close();
    server.shutdown();
  }
}
