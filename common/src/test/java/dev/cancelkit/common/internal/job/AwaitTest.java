package dev.cancelkit.common.internal.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.CancelState;
import dev.cancelkit.common.JobState;
import dev.cancelkit.common.JobStatus;
import dev.cancelkit.common.NotFoundException;
import dev.cancelkit.common.testing.FakeTimer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code cancelAndAwait}: cancel, then read with backoff until the job is done or the wait is over.
 */
class AwaitTest {
  private final FakeTimer timer = new FakeTimer();
  private TestServer t;

  @BeforeEach
  void start() throws IOException {
    t = TestServer.with().timer(timer).clock(timer.clock).resultStatuses(409).start();
  }

  @AfterEach
  void stop() throws IOException {
    t.close();
  }

  private static String job(String status) {
    return "{\"id\":\"j\",\"status\":\"" + status + "\"}";
  }

  @Test
  void readsUntilTheJobIsCancelled() throws Exception {
    t.enqueue(200, job("cancelling"));
    t.enqueue(200, job("cancelling"));
    t.enqueue(200, job("cancelling"));
    t.enqueue(200, job("cancelled"));
    List<String> seen = new ArrayList<>();

    CancelResult<TestJob> r =
        t.jobs.cancelAndAwait("j", Duration.ofMinutes(10), c -> seen.add(c.providerStatus()));

    assertEquals(CancelState.CANCELLED, r.state());
    assertEquals(200, r.httpStatus());
    assertEquals(List.of("cancelling", "cancelled"), seen);
    RecordedRequest cancel = t.server.takeRequest();
    assertEquals("POST /v1/jobs/j/cancel HTTP/1.1", cancel.getRequestLine());
    for (int i = 0; i < 3; i++) {
      assertEquals("GET /v1/jobs/j HTTP/1.1", t.server.takeRequest().getRequestLine());
    }
    assertEquals(
        List.of(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2)), timer.waits);
  }

  @Test
  void aFinishedJobReturnsAtOnce() throws Exception {
    t.enqueue(409, job("completed"));

    CancelResult<TestJob> r = t.jobs.cancelAndAwait("j", Duration.ofMinutes(10));

    assertEquals(CancelState.NOT_CANCELLABLE, r.state());
    assertEquals(1, t.server.getRequestCount());
  }

  @Test
  void maxWaitOverReturnsTheLastResultStillCancelling() throws Exception {
    for (int i = 0; i < 20; i++) {
      t.enqueue(200, job("cancelling"));
    }

    CancelResult<TestJob> r = t.jobs.cancelAndAwait("j", Duration.ofSeconds(8));

    assertEquals(CancelState.CANCELLING, r.state());
    Duration waited = timer.waits.stream().reduce(Duration.ZERO, Duration::plus);
    assertEquals(Duration.ofSeconds(8), waited); // 0.5 + 1 + 2 + 4, then the last 0.5 s left
    assertEquals(6, t.server.getRequestCount());
  }

  @Test
  void pollsNoFasterThanEveryFiveSecondsOnLongWaits() throws Exception {
    for (int i = 0; i < 40; i++) {
      t.enqueue(200, job("cancelling"));
    }

    t.jobs.cancelAndAwait("j", Duration.ofSeconds(60));

    assertEquals(Duration.ofSeconds(5), timer.waits.get(5));
    assertEquals(Duration.ofSeconds(5), timer.waits.get(10));
  }

  @Test
  void unknownStatusKeepsWaiting() throws Exception {
    t.enqueue(200, job("calling"));
    t.enqueue(200, job("cancelled"));
    List<String> seen = new ArrayList<>();

    CancelResult<TestJob> r =
        t.jobs.cancelAndAwait("j", Duration.ofMinutes(1), c -> seen.add(c.state().name()));

    assertEquals(CancelState.CANCELLED, r.state());
    assertEquals(List.of("UNKNOWN", "CANCELLED"), seen);
  }

  @Test
  void aRunningJobAfterAnAcceptedCancelIsCancelling() throws Exception {
    t.enqueue(200, job("cancelling"));
    t.enqueue(200, job("running"));
    t.enqueue(200, job("cancelled"));
    List<CancelResult<TestJob>> seen = new ArrayList<>();

    t.jobs.cancelAndAwait("j", Duration.ofMinutes(1), seen::add);

    assertEquals("running", seen.get(1).providerStatus());
    assertEquals(CancelState.CANCELLING, seen.get(1).state());
  }

  @Test
  void aReadIntoTheCancelModelDropsFieldsTheModelCannotHold() throws Exception {
    t.enqueue(200, job("cancelling"));
    t.enqueue(
        200, "{\"id\":\"j\",\"status\":\"cancelled\",\"created_at\":1766003500,\"extra\":[1]}");

    CancelResult<TestJob> r = t.jobs.cancelAndAwait("j", Duration.ofMinutes(1));

    assertEquals(CancelState.CANCELLED, r.state());
    assertEquals("j", r.response().getId());
    assertEquals(null, r.response().getCreatedAt()); // a number where the model has a date-time
  }

  @Test
  void aCancelThatFailsThrows() {
    t.enqueue(404, "{\"message\":\"no such job\"}");

    assertThrows(NotFoundException.class, () -> t.jobs.cancelAndAwait("j", Duration.ofMinutes(1)));
  }

  @Test
  void aReadThatFailsEndsTheWaitWithTheLastResult() throws Exception {
    t.enqueue(200, job("cancelling"));
    t.enqueue(404, "{\"message\":\"gone\"}");

    CancelResult<TestJob> r = t.jobs.cancelAndAwait("j", Duration.ofMinutes(1));

    assertEquals(CancelState.CANCELLING, r.state());
    assertEquals(2, t.server.getRequestCount());
  }

  @Test
  void zeroWaitOnlyCancels() throws Exception {
    t.enqueue(200, job("cancelling"));

    assertEquals(CancelState.CANCELLING, t.jobs.cancelAndAwait("j", Duration.ZERO).state());
    assertEquals(1, t.server.getRequestCount());
  }

  @Test
  void statusReadsWithoutCancelling() throws Exception {
    t.server.enqueue(
        new MockResponse()
            .setHeader("x-request-id", "r-9")
            .setBody(
                "{\"id\":\"j\",\"status\":\"completed\",\"created_at\":\"2026-11-02T10:00:00Z\"}"));

    JobStatus<TestJob> r = t.jobs.status("j");

    assertEquals(JobState.FINISHED, r.state());
    assertEquals("completed", r.providerStatus());
    assertEquals("j", r.job().getId());
    assertEquals(Instant.parse("2026-11-02T10:00:00Z"), r.createdAt().orElseThrow());
    assertEquals("r-9", r.requestId().orElseThrow());
    assertEquals("GET /v1/jobs/j HTTP/1.1", t.server.takeRequest().getRequestLine());
    assertEquals(1, t.server.getRequestCount());
  }

  @Test
  void badArgumentsSendNothing() {
    assertThrows(
        IllegalArgumentException.class, () -> t.jobs.cancelAndAwait("j", Duration.ofSeconds(-1)));
    assertThrows(
        IllegalArgumentException.class, () -> t.jobs.cancelAndAwait("..", Duration.ofSeconds(1)));
    assertThrows(NullPointerException.class, () -> t.jobs.cancelAndAwait("j", null));
    assertEquals(0, t.server.getRequestCount());
  }
}
