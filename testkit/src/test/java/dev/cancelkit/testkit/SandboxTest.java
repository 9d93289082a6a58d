package dev.cancelkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cancelkit.archetype.ArchetypeClient;
import dev.cancelkit.cerebras.CerebrasClient;
import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.CancelState;
import dev.cancelkit.common.NotFoundException;
import dev.cancelkit.together.TogetherClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox's rules, seen through the real clients. */
class SandboxTest {
  private Sandbox sandbox;
  private TogetherClient together;
  private CerebrasClient cerebras;
  private ArchetypeClient archetype;

  @BeforeEach
  void start() {
    sandbox = Sandbox.startWithDemoJobs();
    together =
        TogetherClient.builder().apiKey(Sandbox.API_KEY).baseUrl(sandbox.togetherBaseUrl()).build();
    cerebras =
        CerebrasClient.builder().apiKey(Sandbox.API_KEY).baseUrl(sandbox.cerebrasBaseUrl()).build();
    archetype =
        ArchetypeClient.builder()
            .apiKey(Sandbox.API_KEY)
            .baseUrl(sandbox.archetypeBaseUrl())
            .build();
  }

  @AfterEach
  void stop() {
    together.close();
    cerebras.close();
    archetype.close();
    sandbox.close();
  }

  @Test
  void queueCancelsOnlyPendingRequests() {
    CancelResult<?> pending = together.queue("meta-llama/Llama-3-8b").cancel("req_pending_01");
    CancelResult<?> again = together.queue("meta-llama/Llama-3-8b").cancel("req_pending_01");
    CancelResult<?> running = together.queue("meta-llama/Llama-3-8b").cancel("req_running_02");

    assertEquals(CancelState.CANCELLED, pending.state());
    assertEquals(200, pending.httpStatus());
    assertEquals(CancelState.CANCELLED, again.state());
    assertEquals(409, again.httpStatus());
    assertEquals(CancelState.NOT_CANCELLABLE, running.state());
    assertEquals("running", running.providerStatus());
    assertEquals(409, running.httpStatus());
  }

  @Test
  void queueRequestOfAnotherModelIsNotFound() {
    NotFoundException e =
        assertThrows(
            NotFoundException.class, () -> together.queue("other/model").cancel("req_pending_01"));

    assertEquals("request_id", e.param());
  }

  @Test
  void togetherBatchInProgressIsCancelledAndCompletedIsNot() {
    assertEquals("CANCELLED", together.batches().cancel("batch_job_abc123def456").providerStatus());
    assertEquals(
        CancelState.NOT_CANCELLABLE, together.batches().cancel("batch_job_done789").state());
    assertEquals(
        "batch job not found",
        assertThrows(NotFoundException.class, () -> together.batches().cancel("nope"))
            .errorMessage());
  }

  @Test
  void togetherFineTuneGoesToCancelRequested() {
    CancelResult<?> r = together.fineTunes().cancel("ft-01234567890123456789");

    assertEquals(CancelState.CANCELLING, r.state());
    assertEquals("cancel_requested", r.providerStatus());
    assertTrue(r.requestId().orElseThrow().startsWith("sbx-"), r.requestId().toString());
  }

  @Test
  void cerebrasBatchGoesToCancelling() {
    CancelResult<?> r = cerebras.batches().cancel("batch_abc123");

    assertEquals(CancelState.CANCELLING, r.state());
    assertEquals("cancelling", r.providerStatus());
    assertEquals(
        "batch_not_found",
        assertThrows(NotFoundException.class, () -> cerebras.batches().cancel("batch_x"))
            .errorCode());
  }

  @Test
  void archetypeCancelsRunningJobsAndRefusesFinishedOnes() {
    assertEquals(
        CancelState.CANCELLED,
        archetype.fineTuneJobs().cancel("ftj-my-finetune-run-3de60a5c").state());

    CancelResult<?> finished = archetype.fineTuneJobs().cancel("ftj-finished-run-77aa");

    assertEquals(CancelState.NOT_CANCELLABLE, finished.state()); // its 409, then one read
    assertEquals(409, finished.httpStatus());
    assertEquals("COMPLETED", finished.providerStatus());
  }

  @Test
  void sandboxSeesIdsAsOneDecodedSegment() {
    sandbox.jobs().archetypeJob("a/../b c", "RUNNING");

    assertEquals(CancelState.CANCELLED, archetype.fineTuneJobs().cancel("a/../b c").state());
  }

  @Test
  void sandboxEnforcesArchetypeIdLengthItself() throws Exception {
    try (okhttp3.Response r =
        new okhttp3.OkHttpClient()
            .newCall(
                new okhttp3.Request.Builder()
                    .url(
                        sandbox.archetypeBaseUrl()
                            + "/fine-tune/jobs/"
                            + "x".repeat(65)
                            + "/cancel")
                    .header("Authorization", "Bearer k")
                    .put(okhttp3.RequestBody.create(new byte[0]))
                    .build())
            .execute()) {
      assertEquals(422, r.code());
    }
  }

  @Test
  void cerebrasBatchSettlesToCancelledWhileWeWait() {
    sandbox.jobs().settleAfter(Duration.ofMillis(300)).cerebrasBatch("batch_w", "in_progress");
    List<String> seen = new ArrayList<>();

    CancelResult<?> r =
        cerebras
            .batches()
            .cancelAndAwait("batch_w", Duration.ofSeconds(10), c -> seen.add(c.providerStatus()));

    assertEquals(CancelState.CANCELLED, r.state());
    assertEquals(List.of("cancelling", "cancelled"), seen);
  }

  @Test
  void archetypeStopGoesThroughStoppingToStopped() {
    sandbox.jobs().settleAfter(Duration.ofMillis(300));

    CancelResult<?> stopping = archetype.fineTuneJobs().stop("ftj-graceful-run-5b6c");
    CancelResult<?> stopped =
        archetype.fineTuneJobs().stopAndAwait("ftj-graceful-run-5b6c", Duration.ofSeconds(10));

    assertEquals(CancelState.CANCELLING, stopping.state());
    assertEquals("STOPPING", stopping.providerStatus());
    assertEquals(CancelState.CANCELLED, stopped.state());
    assertEquals("STOPPED", stopped.providerStatus());
    CancelResult<?> finished = archetype.fineTuneJobs().stop("ftj-finished-run-77aa");
    assertEquals(CancelState.NOT_CANCELLABLE, finished.state());
    assertEquals(409, finished.httpStatus());
  }

  @Test
  void togetherFineTuneSettlesToCancelled() {
    sandbox.jobs().settleAfter(Duration.ofMillis(200)).togetherFineTune("ft-w", "queued");

    CancelResult<?> r = together.fineTunes().cancelAndAwait("ft-w", Duration.ofSeconds(10));

    assertEquals("cancelled", r.providerStatus());
  }

  @Test
  void queuedRequestStartsRunningOverTime() throws Exception {
    sandbox.jobs().togetherQueued("m", "req_t", "pending").then(Duration.ofMillis(100), "running");
    Thread.sleep(300);

    CancelResult<?> r = together.queue("m").cancel("req_t");

    assertEquals(CancelState.NOT_CANCELLABLE, r.state());
    assertEquals(409, r.httpStatus());
  }

  @Test
  void injectedRateLimitsAreRetriedThrough() {
    sandbox.faults().everyNth(2, 429);

    CancelResult<?> r = together.batches().cancel("batch_job_abc123def456");

    assertEquals(CancelState.CANCELLED, r.state());
  }
}
