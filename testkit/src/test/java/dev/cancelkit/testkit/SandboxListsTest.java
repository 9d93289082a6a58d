package dev.cancelkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cancelkit.archetype.ArchetypeClient;
import dev.cancelkit.cerebras.CerebrasClient;
import dev.cancelkit.common.CancelState;
import dev.cancelkit.common.JobState;
import dev.cancelkit.common.JobStatus;
import dev.cancelkit.common.KillSwitch;
import dev.cancelkit.together.TogetherClient;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox's lists, queue clear and the kill switch, through the real clients. */
class SandboxListsTest {
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
