package dev.cancelkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cancelkit.archetype.ArchetypeClient;
import dev.cancelkit.cerebras.CerebrasClient;
import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.CancelState;
import dev.cancelkit.common.JobState;
import dev.cancelkit.common.JobStatus;
import dev.cancelkit.common.KillSwitch;
import dev.cancelkit.common.NotFoundException;
import dev.cancelkit.together.TogetherClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's rules, lists and queue clear, and the kill switch, seen through the real clients.
 */
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

  @Test
  void addedLatencyDelaysEveryAnswerAndAnswersOverlap() throws Exception {
    sandbox.faults().latency(Duration.ofMillis(200));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    long start = System.nanoTime();
    List<Future<?>> four = new ArrayList<>();
    for (String id :
        List.of("batch_job_abc123def456", "batch_job_done789", "batch_bad_deploy_0001", "x")) {
      four.add(pool.submit(() -> together.batches().status(id)));
    }
    for (Future<?> f : four) {
      try {
        f.get(5, TimeUnit.SECONDS);
      } catch (ExecutionException notFound) { // "x": answered 404, as late
      }
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    pool.shutdown();
    sandbox.faults().none();

    assertTrue(millis >= 200, millis + " ms");
    assertTrue(millis < 800, millis + " ms: the four waited in turn");
    assertThrows(
        IllegalArgumentException.class, () -> sandbox.faults().latency(Duration.ofMillis(-1)));
  }

  // --- lists, queue clear and the kill switch

  private static List<String> ids(List<? extends JobStatus<?>> jobs) {
    return jobs.stream().map(JobStatus::jobId).collect(Collectors.toList());
  }

  @Test
  void cerebrasPagesByHundredsFollowingTheLastId() {
    for (int i = 0; i < 250; i++) {
      sandbox.jobs().cerebrasBatch(String.format("batch_many_%03d", i), "queued");
    }

    List<String> all = ids(cerebras.batches().list().collect(Collectors.toList()));

    assertEquals(254, all.size()); // the four demo batches first
    assertEquals("batch_many_249", all.get(253));
    assertEquals(254, all.stream().distinct().count());
  }

  @Test
  void archetypeFiltersActiveJobsOnTheServerAndPagesByOffset() {
    for (int i = 0; i < 150; i++) {
      sandbox.jobs().archetypeJob("ftj-trial-" + i, i % 3 == 0 ? "COMPLETED" : "RUNNING");
    }

    List<JobStatus<?>> active = List.copyOf(archetype.fineTuneJobs().active());

    assertEquals(3 + 100, active.size()); // the demo's three live jobs, and 2 in 3 of the trials
    assertTrue(active.stream().allMatch(j -> j.state() == JobState.ACTIVE));
    assertEquals(154, archetype.fineTuneJobs().list().count());
  }

  @Test
  void togetherListsBothKindsInOneAnswerEach() {
    assertEquals(
        List.of(
            "batch_job_validating_456",
            "batch_job_abc123def456",
            "batch_job_nightly_eval_11",
            "batch_job_winding_down_7"),
        ids(together.batches().active()));
    assertEquals(
        JobState.CANCELLING, together.batches().status("batch_job_winding_down_7").state());
    assertEquals(
        JobState.FINISHED, together.fineTunes().status("ft-bad-dataset-000000002").state());
    assertEquals(
        List.of("ft-01234567890123456789", "ft-sweep-lr-3e-5-0002"),
        ids(together.fineTunes().active()));
  }

  @Test
  void queueClearCancelsThePendingRequestsOfThatModelOnly() {
    sandbox.jobs().togetherQueued("other/model", "req_other", "pending");

    long cleared = together.queue("meta-llama/Llama-3-8b").clear();

    assertEquals(3, cleared); // req_pending_01, req_starts_soon_03, req_7f9c2a; not the running one
    assertEquals(
        JobState.CANCELLED, together.queue("meta-llama/Llama-3-8b").status("req_7f9c2a").state());
    assertEquals(JobState.ACTIVE, together.queue("other/model").status("req_other").state());
    assertEquals(0, together.queue("meta-llama/Llama-3-8b").clear());
  }

  @Test
  void theKillSwitchStopsEveryActiveJobOnAllThreeProviders() {
    KillSwitch.Plan plan =
        KillSwitch.of(
                together.batches(),
                together.fineTunes(),
                cerebras.batches(),
                archetype.fineTuneJobs())
            .plan();

    KillSwitch.Report report = plan.cancel(KillSwitch.Options.defaults().graceful(true));

    assertEquals(
        11, plan.jobs().size(), plan.jobs().toString()); // 3 + 2 Together, 3 Cerebras, 3 Archetype
    assertEquals(11, report.results().size());
    assertTrue(
        report.results().stream()
            .allMatch(
                r ->
                    r.state()
                        .filter(s -> s == CancelState.CANCELLED || s == CancelState.CANCELLING)
                        .isPresent()),
        report.results().toString());
    assertEquals(
        0, together.batches().active().stream().filter(j -> j.state() == JobState.ACTIVE).count());
    assertEquals(
        List.of("STOPPING", "STOPPING", "STOPPING"),
        archetype.fineTuneJobs().active().stream()
            .map(JobStatus::providerStatus)
            .collect(Collectors.toList()));
  }
}
