package dev.cancelkit.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cancelkit.common.internal.client.ClientOptions;
import dev.cancelkit.common.internal.client.ProviderSpec;
import dev.cancelkit.common.internal.client.RetryTimer;
import dev.cancelkit.common.internal.job.CancelOperation;
import dev.cancelkit.common.internal.job.JobKind;
import dev.cancelkit.common.internal.job.ListSpec;
import dev.cancelkit.common.internal.job.StatusTable;
import dev.cancelkit.common.internal.runtime.ClientRuntime;
import dev.cancelkit.common.testing.NoDelayServerSockets;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import retrofit2.Call;
import retrofit2.http.GET;
import retrofit2.http.POST;
import retrofit2.http.Path;

/** The kill switch over two providers on loopback: plan, filters, failures, parallel cancels. */
class KillSwitchTest {
  /** A job model shaped like the generated ones. */
  public static final class Job {
    public String id;
    public String status;
  }

  /** A Retrofit interface shaped like the generated ones. */
  public interface Api {
    @POST("jobs/{id}/cancel")
    Call<Job> cancel(@Path("id") String id);

    @GET("jobs/{id}")
    Call<Job> get(@Path("id") String id);

    @GET("jobs")
    Call<List<Job>> list();
  }

  static final StatusTable STATES =
      StatusTable.builder("KillSwitchTest.STATES")
          .cancelled("cancelled")
          .cancelling("running", "cancelling")
          .notCancellable("completed")
          .read(JobState.ACTIVE, "running")
          .read(JobState.CANCELLING, "cancelling")
          .read(JobState.CANCELLED, "cancelled")
          .read(JobState.FINISHED, "completed")
          .build();

  /** A provider on loopback: its list, and what a cancel and a read of each id answer. */
  static final class Provider implements AutoCloseable {
    final MockWebServer server = new MockWebServer();
    final Map<String, String> cancelled = new ConcurrentHashMap<>();
    final ClientRuntime runtime;
    final Jobs<Job> jobs;

    Provider(String name, Function<RecordedRequest, MockResponse> answers) throws IOException {
      server.setServerSocketFactory(new NoDelayServerSockets());
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
              return answers.apply(r);
            }
          });
      server.start();
      runtime =
          ClientRuntime.create(
              new ProviderSpec(name, "X_KEY", "X_URL", "https://x.example/v1"),
              new ClientOptions(
                  "sk-test-123456",
                  server.url("/v1").toString(),
                  Duration.ofSeconds(5),
                  null,
                  0,
                  64,
                  null,
                  false,
                  v -> null,
                  Clock.systemUTC(),
                  RetryTimer.SYSTEM,
                  false,
                  null));
      Api api = runtime.service(Api.class);
      jobs =
          CancelOperation.builder(runtime, Job.class)
              .cancel(api::cancel)
              .read(api::get)
              .list(ListSpec.unpaged(api::list, null))
              .kind("batch")
              .states(STATES)
              .build();
    }

    @Override
    public void close() throws IOException {
      runtime.close();
      server.shutdown();
    }
  }

  private Provider a;
  private Provider b;

  @AfterEach
  void stop() throws IOException {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
  }

  static String job(String id, String status, String createdAt) {
    return "{\"id\":\""
        + id
        + "\",\"status\":\""
        + status
        + "\",\"created_at\":\""
        + createdAt
        + "\"}";
  }

  /** Lists {@code list}; a cancel answers {@code cancelAnswer} after {@code delayMs}. */
  static Function<RecordedRequest, MockResponse> provider(
      String list, String cancelAnswer, long delayMs, String readAnswer) {
    return r -> {
      String path = r.getRequestUrl().encodedPath();
      if (path.equals("/v1/jobs")) {
        return list == null
            ? new MockResponse().setResponseCode(500).setBody("{\"message\":\"list down\"}")
            : new MockResponse().setBody(list);
      }
      String id = r.getRequestUrl().pathSegments().get(2);
      if (path.endsWith("/cancel")) {
        return new MockResponse()
            .setBody("{\"id\":\"" + id + "\",\"status\":\"" + cancelAnswer + "\"}")
            .setBodyDelay(delayMs, TimeUnit.MILLISECONDS);
      }
      return new MockResponse()
          .setBody("{\"id\":\"" + id + "\",\"status\":\"" + readAnswer + "\"}");
    };
  }

  private static final String OLD = "2026-01-01T00:00:00Z";

  /** A list of four running jobs, 1 to 4. */
  private static String fourRunning() {
    return "["
        + String.join(
            ",", List.of("1", "2", "3", "4").stream().map(id -> job(id, "running", OLD)).toList())
        + "]";
  }

  @Test
  void thePlanHoldsTheActiveJobsOfEveryKindAndSendsNoCancel() throws Exception {
    a =
        new Provider(
            "alpha",
            provider(
                "["
                    + job("a1", "running", OLD)
                    + ","
                    + job("a2", "completed", OLD)
                    + ","
                    + job("a3", "cancelling", OLD)
                    + "]",
                "cancelled",
                0,
                "cancelled"));
    b =
        new Provider(
            "beta",
            provider(
                "[" + job("b1", "running", OLD) + "," + job("b2", "running", OLD) + "]",
                "cancelled",
                0,
                "cancelled"));

    KillSwitch.Plan plan = KillSwitch.of(a.jobs, b.jobs).plan();

    assertEquals(
        List.of("alpha batch a1", "beta batch b1", "beta batch b2"),
        plan.jobs().stream()
            .map(p -> p.provider() + " " + p.kind() + " " + p.job().jobId())
            .collect(Collectors.toList()));
    assertEquals(List.of(), plan.failures());
    assertEquals(1, a.server.getRequestCount()); // the list only
    assertEquals(1, b.server.getRequestCount());
  }

  @Test
  void aFailingListingIsReportedAndTheOthersGoOn() throws Exception {
    a = new Provider("alpha", provider(null, "cancelled", 0, "cancelled"));
    b = new Provider("beta", provider("[" + job("b1", "running", OLD) + "]", "cancelled", 0, "x"));

    KillSwitch.Plan plan = KillSwitch.of(a.jobs, b.jobs).plan();
    KillSwitch.Report report = plan.cancel(KillSwitch.Options.defaults());

    assertEquals(1, plan.failures().size());
    assertEquals("alpha", plan.failures().get(0).provider());
    assertInstanceOf(ServerException.class, plan.failures().get(0).error());
    assertEquals(1, report.results().size());
    assertEquals(CancelState.CANCELLED, report.results().get(0).state().orElseThrow());
    assertEquals(1, report.failures().size());
    assertEquals("Report{1 job: CANCELLED=1; 1 listing failed}", report.toString());
  }

  @Test
  void aListingStillRunningAtTheLimitIsStoppedAndReportedAndThePlanGoesOn() throws Exception {
    Function<RecordedRequest, MockResponse> trickling =
        r ->
            new MockResponse()
                .setBody("[" + job("a1", "running", OLD) + "]")
                .throttleBody(1, 250, TimeUnit.MILLISECONDS); // 1 byte per 250 ms: about 15 s
    a = new Provider("alpha", trickling);
    b = new Provider("beta", provider("[" + job("b1", "running", OLD) + "]", "cancelled", 0, "x"));

    long start = System.nanoTime();
    KillSwitch.Plan plan = KillSwitch.of(a.jobs, b.jobs).listWithin(Duration.ofSeconds(1)).plan();
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertTrue(ms >= 1000 && ms < 3000, ms + " ms");
    assertEquals(List.of("b1"), plan.jobs().stream().map(p -> p.job().jobId()).toList());
    assertEquals(1, plan.failures().size());
    assertEquals(
        "alpha: still listing after 1s, the time given to list; stopped",
        plan.failures().get(0).error().getMessage());
    assertInstanceOf(TransportException.class, plan.failures().get(0).error());
    assertEquals(1, a.server.getRequestCount()); // stopped, not retried
  }

  @Test
  void aListingLimitMustBePositive() {
    KillSwitch k = KillSwitch.of(List.of());
    assertEquals(
        "limit must be positive: PT0S",
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> k.listWithin(Duration.ZERO))
            .getMessage());
  }

  @Test
  void unsendableIdsAreRefusedNotPlannedAndTheRestIsCancelled() throws Exception {
    String long300 = "x".repeat(300);
    a =
        new Provider(
            "alpha",
            provider(
                "["
                    + String.join(
                        ",",
                        job("a1", "running", OLD),
                        job(long300, "running", OLD),
                        job("sk-test-123456", "running", OLD), // the key, echoed as an id
                        job("a1", "running", OLD))
                    + "]",
                "cancelled",
                0,
                "cancelled"));
    b = new Provider("beta", provider("[" + job("b1", "running", OLD) + "]", "cancelled", 0, "x"));

    KillSwitch.Plan plan = KillSwitch.of(a.jobs, b.jobs).plan();
    KillSwitch.Report report = plan.cancel(KillSwitch.Options.defaults());

    assertEquals(
        List.of("a1", "b1"),
        plan.jobs().stream().map(p -> p.job().jobId()).collect(Collectors.toList()));
    assertEquals(2, plan.refused().size());
    assertEquals(
        "alpha job ids are 1-256 characters; '" + "x".repeat(200) + "...(300 characters)' has 300",
        plan.refused().get(0).reason());
    assertEquals("[redacted]", plan.refused().get(1).job().jobId());
    assertEquals(
        "'[redacted]' is not a job id: cancelkit wrote [redacted] where a provider's answer"
            + " echoed the API key",
        plan.refused().get(1).reason());
    assertEquals("Plan{2 jobs, 2 refused, 0 listings failed}", plan.toString());
    assertEquals("Report{2 jobs: CANCELLED=2}", report.toString());
    assertEquals(2, a.server.getRequestCount()); // the list and a1's cancel
    assertEquals(2, b.server.getRequestCount());
  }

  @Test
  void aKindWhoseCancelThrowsGivesEachOfItsJobsAnOutcomeAndTheOthersGoOn() throws Exception {
    a = new Provider("alpha", provider(fourRunning(), "cancelled", 0, "cancelled"));
    b = new Provider("beta", provider("[" + job("b1", "running", OLD) + "]", "cancelled", 0, "x"));
    Jobs<?> broken = failingCancelAll(a.jobs, new IllegalStateException("bug"));

    KillSwitch.Report report =
        KillSwitch.of(broken, b.jobs).plan().cancel(KillSwitch.Options.defaults());

    assertEquals(5, report.results().size());
    assertEquals("Report{5 jobs: UNKNOWN=4, CANCELLED=1}", report.toString());
    CancelKitException error =
        report.results().get(0).outcome().orElseThrow().error().orElseThrow();
    assertEquals(
        "alpha batch: cancelling failed (java.lang.IllegalStateException): whether this job was"
            + " cancelled is not known",
        error.getMessage());
    assertEquals(2, b.server.getRequestCount());
  }

  /** {@code jobs} (a kind, as every client's are), except that {@code cancelAll} throws. */
  @SuppressWarnings("unchecked")
  private static Jobs<?> failingCancelAll(Jobs<?> jobs, RuntimeException e) {
    return (Jobs<?>)
        java.lang.reflect.Proxy.newProxyInstance(
            Jobs.class.getClassLoader(),
            new Class<?>[] {Jobs.class, JobKind.class},
            (proxy, method, args) -> {
              if (method.getName().equals("cancelAll")) {
                throw e;
              }
              try {
                return method.invoke(jobs, args);
              } catch (java.lang.reflect.InvocationTargetException t) {
                throw t.getCause();
              }
            });
  }

  @Test
  void olderThanLeavesOutJobsOfUnknownAgeAndCountsThem() throws Exception {
    String recent = Instant.now().minusSeconds(7).toString();
    String future = Instant.now().plusSeconds(3600).toString();
    String list =
        "["
            + String.join(
                ",",
                job("old", "running", OLD),
                job("recent", "running", recent),
                job("words", "running", "yesterday-ish"),
                "{\"id\":\"missing\",\"status\":\"running\"}",
                job("year1", "running", "0001-01-01"),
                "{\"id\":\"millis\",\"status\":\"running\",\"created_at\":"
                    + (Instant.now().toEpochMilli() - 5000)
                    + "}",
                "{\"id\":\"negative\",\"status\":\"running\",\"created_at\":-99999999999}",
                // Unix seconds of a year ago, where this kind's document says ISO 8601 text
                "{\"id\":\"number\",\"status\":\"running\",\"created_at\":1733000000}",
                job("future", "running", future))
            + "]";
    a = new Provider("alpha", provider(list, "cancelled", 0, "cancelled"));

    KillSwitch.Plan plan = KillSwitch.of(a.jobs).olderThan(Duration.ofMinutes(10)).plan();
    KillSwitch.Plan all =
        KillSwitch.of(a.jobs).olderThan(Duration.ofMinutes(10)).includeUnknownAge(true).plan();

    assertEquals(
        List.of("old"),
        plan.jobs().stream().map(p -> p.job().jobId()).collect(Collectors.toList()));
    assertEquals(7, plan.unknownAge());
    assertEquals(
        List.of("old", "words", "missing", "year1", "millis", "negative", "number", "future"),
        all.jobs().stream().map(p -> p.job().jobId()).collect(Collectors.toList()));
    assertEquals(0, all.unknownAge());
    assertEquals(2, a.server.getRequestCount()); // two lists, no cancel
  }

  @Test
  void filtersKeepOldEnoughJobsThatMatch() throws Exception {
    String recent = Instant.now().minusSeconds(60).toString();
    a =
        new Provider(
            "alpha",
            provider(
                "["
                    + job("keep-1", "running", OLD)
                    + ","
                    + job("new-1", "running", recent)
                    + ","
                    + job("skip-1", "running", OLD)
                    + "]",
                "cancelled",
                0,
                "cancelled"));

    KillSwitch.Plan plan =
        KillSwitch.of(a.jobs)
            .olderThan(Duration.ofMinutes(10))
            .matching(j -> !j.jobId().startsWith("skip"))
            .plan();

    assertEquals(
        List.of("keep-1"),
        plan.jobs().stream().map(p -> p.job().jobId()).collect(Collectors.toList()));
  }

  @Test
  void kindsAreCancelledInParallel() throws Exception {
    String four = fourRunning();
    a = new Provider("alpha", provider(four, "cancelled", 400, "cancelled"));
    b = new Provider("beta", provider(four, "cancelled", 400, "cancelled"));
    KillSwitch.Plan plan = KillSwitch.of(a.jobs, b.jobs).plan();
    long start = System.nanoTime();

    KillSwitch.Report report = plan.cancel(KillSwitch.Options.defaults());

    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(millis < 790, millis + " ms: one kind after the other would take 800 ms or more");
    assertEquals(8, report.results().size());
    assertEquals(Map.of(CancelState.CANCELLED, 8L), report.counts());
  }

  @Test
  void awaitFollowsEachJobUntilItHasEnded() throws Exception {
    a =
        new Provider(
            "alpha", provider("[" + job("a1", "running", OLD) + "]", "cancelling", 0, "cancelled"));

    KillSwitch.Report report =
        KillSwitch.of(a.jobs)
            .plan()
            .cancel(KillSwitch.Options.defaults().await(Duration.ofSeconds(10)));

    KillSwitch.Result r = report.results().get(0);
    assertEquals(CancelState.CANCELLED, r.state().orElseThrow());
    assertEquals("cancelled", r.lastRead().orElseThrow().providerStatus());
    assertEquals(3, a.server.getRequestCount()); // list, cancel, one read
  }

  @Test
  void anInterruptAccountsForEveryPlannedJob() throws Exception {
    String four = fourRunning();
    a = new Provider("alpha", provider(four, "cancelled", 300, "cancelled"));
    Function<RecordedRequest, MockResponse> listsOnly = provider(four, "cancelled", 0, "x");
    b =
        new Provider(
            "beta",
            r ->
                r.getPath().endsWith("/cancel") // cancels that never answer
                    ? new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE)
                    : listsOnly.apply(r));
    KillSwitch.Plan plan = KillSwitch.of(a.jobs, b.jobs).plan();
    Thread caller = Thread.currentThread();
    Thread interrupter =
        new Thread(
            () -> {
              long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
              while ((a.server.getRequestCount() < 3 || b.server.getRequestCount() < 3)
                  && System.nanoTime() < until) {
                Thread.onSpinWait();
              }
              caller.interrupt();
            });
    interrupter.start();
    long start = System.nanoTime();

    KillSwitch.Report report =
        plan.cancel(
            KillSwitch.Options.defaults()
                .bulk(BulkOptions.defaults().concurrency(2).interruptGrace(Duration.ofSeconds(1))));

    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(Thread.interrupted(), "interrupt flag set again");
    assertTrue(report.interrupted());
    assertTrue(millis < 3000, millis + " ms");
    assertEquals(8, report.results().size());
    assertEquals(
        List.of("alpha 1 CANCELLED", "alpha 2 CANCELLED"),
        report.results().stream()
            .filter(r -> r.outcome().isPresent())
            .map(r -> r.provider() + " " + r.jobId() + " " + r.state().orElseThrow())
            .sorted()
            .collect(Collectors.toList()));
    assertEquals(
        List.of("alpha 3", "alpha 4", "beta 3", "beta 4"),
        report.unsent().stream()
            .map(r -> r.provider() + " " + r.jobId())
            .sorted()
            .collect(Collectors.toList()));
    assertEquals(
        List.of("beta 1", "beta 2"),
        report.unknown().stream()
            .map(r -> r.provider() + " " + r.jobId())
            .sorted()
            .collect(Collectors.toList()));
    assertEquals(3, a.server.getRequestCount()); // the list, two cancels: nothing after
    assertEquals(3, b.server.getRequestCount());
  }
}
