package dev.cancelkit.common.internal;

import java.io.IOException;
import java.util.Set;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;

/** A loopback server and a {@code test} provider client pointed at it. */
final class TestServer implements AutoCloseable {
  static final String KEY = "sk-test-0123456789abcdef";
  static final ProviderSpec PROVIDER =
      new ProviderSpec("testprov", "TESTPROV_API_KEY", "TESTPROV_BASE_URL", "https://api.example.invalid/v1");
  static final StatusTable STATES = StatusTable.builder()
      .cancelled("cancelled")
      .cancelling("cancelling")
      .notCancellable("completed")
      .build();

  final MockWebServer server = new MockWebServer();
  final ClientRuntime runtime;
  final CancelOperation<TestJob> jobs;

  TestServer() throws IOException {
    this(Set.of());
  }

  TestServer(Set<Integer> resultStatuses) throws IOException {
    this(resultStatuses, 0, new FakeTimer(), java.time.Clock.systemUTC());
  }

  TestServer(Set<Integer> resultStatuses, int maxRetries, RetryTimer timer, java.time.Clock clock)
      throws IOException {
    server.start();
    runtime = ClientRuntime.create(PROVIDER, new ClientOptions(KEY, server.url("/v1").toString(),
        java.time.Duration.ofSeconds(5), maxRetries, false, name -> null, clock, timer));
    TestApi api = runtime.service(TestApi.class);
    jobs = new CancelOperation<>(runtime, TestJob.class, JobIdRule.standard("testprov"), STATES, api::cancel,
        resultStatuses);
  }

  void enqueue(int code, String body) {
    server.enqueue(new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
        .setBody(body));
  }

  @Override
  public void close() throws IOException {
    runtime.close();
    server.shutdown();
  }
}
