package dev.cancelkit.common.internal.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cancelkit.common.BulkOptions;
import dev.cancelkit.common.CancelOutcome;
import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.CancelState;
import dev.cancelkit.common.ConflictException;
import dev.cancelkit.common.NotFoundException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A 409 to a cancel is a result: the job is read once, and the result says what the read found,
 * with HTTP status 409. Only when that read fails is the {@link ConflictException} thrown.
 */
class ConflictTest {
  private TestServer t;

  @BeforeEach
  void start() throws IOException {
    t = TestServer.with().maxRetries(2).start();
  }

  @AfterEach
  void stop() throws IOException {
    t.close();
  }

  private void conflictThenRead(String status) {
    t.server.enqueue(
        new MockResponse()
            .setResponseCode(409)
            .setBody("{\"errors\":[{\"code\":\"conflict\",\"message\":\"job already ended\"}]}"));
    t.server.enqueue(
        new MockResponse()
            .setHeader("x-request-id", "read-1")
            .setBody("{\"id\":\"j\",\"status\":\"" + status + "\"}"));
  }

  @Test
  void cancellingAFinishedJobIsNotCancellable() throws Exception {
    conflictThenRead("completed");

    CancelResult<TestJob> r = t.jobs.cancel("j");

    assertEquals(CancelState.NOT_CANCELLABLE, r.state());
    assertEquals("completed", r.providerStatus());
    assertEquals(409, r.httpStatus());
    assertEquals("j", r.response().getId());
    assertEquals("read-1", r.requestId().orElseThrow());
    assertEquals("POST /v1/jobs/j/cancel HTTP/1.1", t.server.takeRequest().getRequestLine());
    assertEquals("GET /v1/jobs/j HTTP/1.1", t.server.takeRequest().getRequestLine());
    assertEquals(2, t.server.getRequestCount());
  }

  @Test
  void cancellingACancelledJobIsCancelled() {
    conflictThenRead("cancelled");

    CancelResult<TestJob> r = t.jobs.cancel("j");

    assertEquals(CancelState.CANCELLED, r.state());
    assertEquals(409, r.httpStatus());
  }

  @Test
  void aConflictWhoseReadFailsThrowsTheConflictWithTheReadsFailure() {
    t.server.enqueue(new MockResponse().setResponseCode(409).setBody("{\"message\":\"locked\"}"));
    t.server.enqueue(new MockResponse().setResponseCode(404).setBody("{\"message\":\"gone\"}"));

    ConflictException e = assertThrows(ConflictException.class, () -> t.jobs.cancel("j"));

    assertEquals("locked", e.errorMessage());
    NotFoundException read = assertInstanceOf(NotFoundException.class, e.getSuppressed()[0]);
    assertEquals("gone", read.errorMessage());
    assertEquals(2, t.server.getRequestCount());
  }

  @Test
  void asyncFollowsTheSameRule() throws Exception {
    conflictThenRead("completed");

    CancelResult<TestJob> r = t.jobs.cancelAsync("j").get(5, TimeUnit.SECONDS);

    assertEquals(CancelState.NOT_CANCELLABLE, r.state());
    assertEquals(409, r.httpStatus());
  }

  @Test
  void asyncConflictWithAFailedReadFailsWithTheConflict() {
    t.server.enqueue(new MockResponse().setResponseCode(409).setBody("{\"message\":\"locked\"}"));
    t.server.enqueue(new MockResponse().setResponseCode(404).setBody("{\"message\":\"gone\"}"));

    ExecutionException e =
        assertThrows(
            ExecutionException.class, () -> t.jobs.cancelAsync("j").get(5, TimeUnit.SECONDS));

    assertInstanceOf(ConflictException.class, e.getCause());
  }

  @Test
  void bulkFollowsTheSameRule() {
    conflictThenRead("completed");

    List<CancelOutcome<TestJob>> out = t.jobs.cancelAll(List.of("j"), BulkOptions.defaults());

    CancelResult<TestJob> r = out.get(0).result().orElseThrow();
    assertEquals(CancelState.NOT_CANCELLABLE, r.state());
    assertEquals(409, r.httpStatus());
  }
}
