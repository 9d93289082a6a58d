package dev.cancelkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.squareup.moshi.JsonAdapter;
import dev.cancelkit.cli.CliProcess.Run;
import dev.cancelkit.common.json.JsonSupport;
import dev.cancelkit.testkit.Sandbox;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built {@code cancelkit.jar}, run as a user runs it, against a sandbox in this JVM. */
class CliIT {
  private static final JsonAdapter<Object> JSON = JsonSupport.moshi().adapter(Object.class);
  private static final String KEY = "sk-cli-test-1234567890";

  private Sandbox sandbox;

  @TempDir Path dir;

  @BeforeEach
  void start() {
    sandbox = Sandbox.startWithDemoJobs();
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private Run run(Map<String, String> env, String stdin, String... args) throws Exception {
    return exec(CliProcess.command(args), env, stdin);
  }

  private Run exec(List<String> command, Map<String, String> env, String stdin) throws Exception {
    return CliProcess.start(dir, command, env, stdin).finish(120);
  }

  private Map<String, String> sandboxEnv() {
    return Map.of(
        "TOGETHER_API_KEY",
        KEY,
        "TOGETHER_BASE_URL",
        sandbox.togetherBaseUrl(),
        "CEREBRAS_API_KEY",
        KEY,
        "CEREBRAS_BASE_URL",
        sandbox.cerebrasBaseUrl(),
        "ATAI_API_KEY",
        KEY,
        "ATAI_BASE_URL",
        sandbox.archetypeBaseUrl());
  }

  @Test
  void cancelledBatchExitsZero() throws Exception {
    Run r = run(sandboxEnv(), null, "together", "batch", "cancel", "batch_job_abc123def456");

    assertEquals(0, r.exit(), r.err());
    assertEquals(
        "together batch cancel batch_job_abc123def456: CANCELLED (CANCELLED, HTTP 200, request sbx-1)\n",
        r.out());
  }

  @Test
  void endpointsSessionsAndArchetypeBatchJobsAreStoppedFromTheirCommands() throws Exception {
    sandbox
        .jobs()
        .settleAfter(java.time.Duration.ofMillis(300))
        .togetherEndpoint("endpoint-prod-r1", "STARTED")
        .togetherTrainingSession("session-a1", "TRAINING_SESSION_STATUS_RUNNING")
        .archetypeBatchJob("job_2abc3def4ghi5jkl6mno7pqr", "RUNNING");

    Run endpoint =
        run(sandboxEnv(), null, "together", "endpoint", "stop", "endpoint-prod-r1", "--wait=10s");
    Run session = run(sandboxEnv(), null, "together", "rl-session", "stop", "session-a1");
    Run batch =
        run(sandboxEnv(), null, "archetype", "batch", "cancel", "job_2abc3def4ghi5jkl6mno7pqr");
    Run status =
        run(sandboxEnv(), null, "archetype", "batch", "status", "job_2abc3def4ghi5jkl6mno7pqr");

    assertEquals(0, endpoint.exit(), endpoint.err());
    assertTrue( // followed through STOPPING until it said STOPPED
        endpoint
            .out()
            .startsWith("together endpoint stop endpoint-prod-r1: CANCELLED (STOPPED, HTTP 200"),
        endpoint.out());
    assertEquals(0, session.exit(), session.err());
    assertTrue(
        session
            .out()
            .startsWith(
                "together rl-session stop session-a1: CANCELLING (TRAINING_SESSION_STATUS_STOPPING"),
        session.out());
    assertEquals(0, batch.exit(), batch.err());
    assertTrue(
        batch
            .out()
            .startsWith(
                "archetype batch cancel job_2abc3def4ghi5jkl6mno7pqr: CANCELLED (CANCELLED"),
        batch.out());
    assertEquals(0, status.exit(), status.err());
    assertTrue(status.out().contains("CANCELLED"), status.out());
  }

  @Test
  void cancelAllLeavesEndpointsRunningUnlessAskedAndSaysSo() throws Exception {
    sandbox
        .jobs()
        .togetherEndpoint("endpoint-prod-r1", "STARTED")
        .togetherEndpoint("endpoint-old-stopped", "STOPPED")
        .togetherTrainingSession("session-a1", "TRAINING_SESSION_STATUS_RUNNING")
        .togetherTrainingSession("session-a2", "TRAINING_SESSION_STATUS_CREATING")
        .togetherTrainingSession("session-a3", "TRAINING_SESSION_STATUS_STOPPED")
        .archetypeBatchJob("job_a", "RUNNING")
        .archetypeBatchJob("job_b", "PENDING")
        .archetypeBatchJob("job_c", "COMPLETED");

    Run jobs = run(sandboxEnv(), null, "jobs", "--provider", "together", "--provider", "archetype");
    Run plan =
        run(sandboxEnv(), "", "cancel-all", "--provider", "together", "--provider", "archetype");
    Run endpoints =
        run(
            sandboxEnv(),
            "",
            "cancel-all",
            "--yes",
            "--provider",
            "together",
            "--kind",
            "endpoint");

    assertEquals(0, jobs.exit(), jobs.err());
    assertTrue(
        jobs.out().matches("(?s).*\ntogether +endpoint +endpoint-prod-r1 +ACTIVE +STARTED .*"),
        jobs.out());
    assertFalse(jobs.out().contains("serverless") || jobs.out().contains("OLMo"), jobs.out());
    assertTrue(
        jobs.out()
            .matches(
                "(?s).*\ntogether +rl-session +session-a2 +ACTIVE +TRAINING_SESSION_STATUS_CREATING .*"),
        jobs.out());
    assertTrue(
        jobs.out().matches("(?s).*\narchetype +batch +job_b +ACTIVE +PENDING .*"), jobs.out());
    assertTrue(
        jobs.out().contains("\n17 active or cancelling jobs, $24.80 spent, $6.50/h\n"),
        jobs.out()); // 9 of the demo's, 5 new, 3 of the demo's new kinds
    assertEquals(0, plan.exit(), plan.err());
    assertFalse(plan.out().contains("endpoint-prod-r1"), plan.out());
    assertTrue(plan.out().contains("session-a2") && plan.out().contains("job_b"), plan.out());
    assertTrue(
        plan.out()
            .contains(
                "2 dedicated endpoints are running ($6.50/h) and not planned (one may serve"
                    + " production traffic): add --kind endpoint to stop them\n"),
        plan.out());
    assertEquals(0, endpoints.exit(), endpoints.err());
    assertEquals(
        List.of(
            "endpoint-d23901de-ef8f-44bf-b3e7-de9c1ca8f2d7\tCANCELLING\tSTOPPING",
            "endpoint-prod-r1\tCANCELLING\tSTOPPING"),
        endpoints.out().lines().sorted().collect(Collectors.toList()));
  }

  @Test
  void runningQueuedRequestIsNotCancellableAndExitsThree() throws Exception {
    Run r =
        run(
            sandboxEnv(),
            null,
            "together",
            "queue",
            "cancel",
            "--model",
            "meta-llama/Llama-3-8b",
            "req_running_02");

    assertEquals(3, r.exit(), r.err());
    assertTrue(
        r.out()
            .startsWith("together queue cancel req_running_02: NOT_CANCELLABLE (running, HTTP 409"),
        r.out());
  }

  @Test
  void unknownJobExitsFourWithAMessageNotAStackTrace() throws Exception {
    Run r = run(sandboxEnv(), null, "cerebras", "batch", "cancel", "batch_nope");

    assertEquals(4, r.exit());
    assertTrue(
        r.err()
            .startsWith(
                "cancelkit: cerebras batch cancel batch_nope: cerebras answered HTTP 404: "
                    + "Batch batch_nope not found"),
        r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }

  @Test
  void badIdIsAUsageErrorAndSendsNothing() throws Exception {
    Run r = run(sandboxEnv(), null, "archetype", "fine-tune", "cancel", "x".repeat(65));

    assertEquals(2, r.exit());
    assertTrue(r.err().contains("archetype job ids are 1-64 characters"), r.err());
  }

  @Test
  void missingKeyIsAUsageErrorNamingTheVariable() throws Exception {
    Run r = run(Map.of(), null, "together", "batch", "cancel", "b1");

    assertEquals(2, r.exit());
    assertEquals(
        "cancelkit: no API key for together: set TOGETHER_API_KEY (or add --sandbox to try"
            + " cancelkit without one)\n",
        r.err());
  }

  @Test
  void anUnknownProviderIsAnsweredWithTheProviders() throws Exception {
    Run r = run(sandboxEnv(), null, "openai", "batch", "cancel", "b1");
    Run kind = run(sandboxEnv(), null, "together", "batches", "cancel", "b1");

    assertEquals(2, r.exit());
    assertEquals(
        "cancelkit: 'openai' is not a provider or command of 'cancelkit': choose together,"
            + " cerebras, archetype, jobs, cancel-all, demo, sandbox, help\n"
            + "(cancelkit --help shows how to use it)\n",
        r.err());
    assertTrue(
        kind.err()
            .startsWith(
                "cancelkit: 'batches' is not a kind of job of 'cancelkit together': choose batch,"
                    + " fine-tune, queue, endpoint, rl-session, help\n"),
        kind.err());
  }

  @Test
  void failedCallExitsOneAndVerboseShowsMore() throws Exception {
    sandbox.faults().everyNth(1, 500);

    Run plain = run(sandboxEnv(), null, "cerebras", "batch", "status", "batch_abc123");
    Run verbose =
        run(sandboxEnv(), null, "--verbose", "cerebras", "batch", "status", "batch_abc123");

    assertEquals(1, plain.exit());
    assertTrue(plain.err().contains("HTTP 500"), plain.err());
    assertTrue(plain.err().contains("gave up after 3 attempts"), plain.err());
    assertFalse(plain.err().contains("\tat "), plain.err());
    assertTrue(verbose.err().contains("\tat dev.cancelkit"), verbose.err());
  }

  @Test
  void waitFollowsTheJobUntilCancelled() throws Exception {
    sandbox.jobs().settleAfter(Duration.ofMillis(500));

    Run r = run(sandboxEnv(), null, "cerebras", "batch", "cancel", "batch_abc123", "--wait=30s");

    assertEquals(0, r.exit(), r.err());
    assertTrue(
        r.out().startsWith("cerebras batch cancel batch_abc123: CANCELLED (cancelled"), r.out());
    assertTrue(r.err().contains("CANCELLING (cancelling)"), r.err());
  }

  @Test
  void jsonCarriesStateHistoryAndTheProviderModel() throws Exception {
    Run r =
        run(
            sandboxEnv(),
            null,
            "--json",
            "archetype",
            "fine-tune",
            "stop",
            "ftj-graceful-run-5b6c",
            "--wait",
            "30s");

    assertEquals(0, r.exit(), r.err());
    @SuppressWarnings("unchecked")
    Map<String, Object> o = (Map<String, Object>) JSON.fromJson(r.out());
    assertEquals("archetype fine-tune stop", o.get("operation"));
    assertEquals("CANCELLED", o.get("state"));
    assertEquals("STOPPED", o.get("providerStatus"));
    assertEquals(List.of("STOPPING", "STOPPED"), o.get("history"));
    assertEquals("ftj-graceful-run-5b6c", ((Map<?, ?>) o.get("response")).get("id"));
  }

  @Test
  void jsonErrorHasTheApiFields() throws Exception {
    Run r =
        run(sandboxEnv(), null, "--json", "archetype", "fine-tune", "cancel", "ftj-no-such-run");

    assertEquals(4, r.exit());
    Map<?, ?> error = (Map<?, ?>) ((Map<?, ?>) JSON.fromJson(r.out())).get("error");
    assertEquals("NotFoundException", error.get("type"));
    assertEquals(404.0, error.get("statusCode"));
    assertEquals("archetype", error.get("provider"));
  }

  @Test
  void cancellingAFinishedJobIsNotCancellableOnEveryProvider() throws Exception {
    Run r = run(sandboxEnv(), null, "archetype", "fine-tune", "cancel", "ftj-finished-run-77aa");

    assertEquals(3, r.exit(), r.err());
    assertTrue(r.out().contains(": NOT_CANCELLABLE (COMPLETED, HTTP 409"), r.out());
  }

  @Test
  void statusReadsWithoutCancelling() throws Exception {
    Run r = run(sandboxEnv(), null, "together", "fine-tune", "status", "ft-01234567890123456789");
    Run again =
        run(sandboxEnv(), null, "together", "fine-tune", "status", "ft-01234567890123456789");

    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains(": ACTIVE (running, created "), r.out()); // nobody asked it to stop
    assertEquals(
        r.out().replaceAll("created [^,]+|sbx-\\d+", ""),
        again.out().replaceAll("created [^,]+|sbx-\\d+", ""));
  }

  @Test
  void idsFileWhenPipedPrintsALinePerJobThenATable() throws Exception {
    List<String> ids =
        IntStream.range(0, 300).mapToObj(i -> "bulk_" + i).collect(Collectors.toList());
    for (int i = 0; i < ids.size(); i++) {
      sandbox.jobs().cerebrasBatch(ids.get(i), i % 3 == 0 ? "completed" : "queued");
    }
    Path file = dir.resolve("ids.txt");
    Files.writeString(
        file, "# three hundred batches\n" + String.join("\n", ids) + "\nbulk_0\n\nmissing_1\n");

    Run r = run(sandboxEnv(), null, "cerebras", "batch", "cancel", "--ids-file", file.toString());

    assertEquals(4, r.exit(), r.err());
    List<String> lines = r.out().lines().collect(Collectors.toList());
    assertEquals(301, lines.stream().filter(l -> l.contains("\t")).count());
    assertTrue(
        lines.stream()
            .anyMatch(
                l ->
                    l.startsWith(
                        "missing_1\tNotFoundException\tcerebras answered HTTP 404: Batch missing_1 not found")),
        r.out());
    assertEquals(301, lines.size(), "standard output holds only the job lines: " + r.out());
    assertTrue(r.err().contains("cerebras batch cancel: 301 jobs"), r.err());
    assertTrue(r.err().contains("  CANCELLING                       200"), r.err());
    assertTrue(r.err().contains("  NOT_CANCELLABLE                  100"), r.err());
    assertTrue(r.err().contains("  NotFoundException                  1"), r.err());
  }

  @Test
  void idsFromStandardInputAsJson() throws Exception {
    Run r =
        run(
            sandboxEnv(),
            "req_pending_01\nreq_running_02\n",
            "--json",
            "together",
            "queue",
            "cancel",
            "--model",
            "meta-llama/Llama-3-8b",
            "--ids-file",
            "-");

    assertEquals(3, r.exit(), r.err());
    Map<?, ?> o = (Map<?, ?>) JSON.fromJson(r.out());
    assertEquals(Map.of("CANCELLED", 1.0, "NOT_CANCELLABLE", 1.0), o.get("summary"));
    assertEquals(2, ((List<?>) o.get("outcomes")).size());
  }

  @Test
  void usageErrorsExitTwo() throws Exception {
    assertEquals(2, run(sandboxEnv(), null, "together", "batch", "cancel").exit());
    assertEquals(
        2, run(sandboxEnv(), null, "together", "queue", "cancel", "req_1").exit()); // no --model
    assertEquals(
        2, run(sandboxEnv(), null, "together", "batch", "cancel", "b", "--wait=soon").exit());
    assertEquals(2, run(sandboxEnv(), null, "nosuchprovider").exit());
  }

  @Test
  void helpListsTheExitCodes() throws Exception {
    Run r = run(Map.of(), null, "--help");

    assertEquals(0, r.exit());
    assertTrue(r.out().contains("  3  not cancellable"), r.out());
    assertTrue(r.out().contains("  130, 143  interrupted by Ctrl-C (SIGINT), SIGTERM"), r.out());
    assertTrue(r.out().contains("TOGETHER_API_KEY"), r.out());
  }

  @Test
  void sandboxOptionNeedsNoKey() throws Exception {
    Run r = run(Map.of(), null, "--sandbox", "cerebras", "batch", "cancel", "batch_abc123");

    assertEquals(0, r.exit(), r.err());
    assertTrue(
        r.out().startsWith("cerebras batch cancel batch_abc123: CANCELLING (cancelling"), r.out());
  }

  @Test
  void demoTourExitsZero() throws Exception {
    Run r = run(Map.of(), null, "demo");

    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("together   queue(model).cancel      req_pending_01"), r.out());
    assertTrue(r.out().contains("done: CANCELLED"), r.out());
    assertTrue(r.out().contains("ended STOPPED (CANCELLED)"), r.out());
    assertTrue(
        r.out()
            .matches(
                "(?s).*an idle endpoint that costs \\$3\\.25/h, stopped with PATCH \\{\"state\":"
                    + " \"STOPPED\"\\}:\n +[0-9.]+ s +CANCELLING +STOPPING\n.*STOPPED\n  done:"
                    + " CANCELLED\n.*"),
        r.out());
    assertTrue(r.out().contains("{CANCELLING=450, NOT_CANCELLABLE=50}"), r.out());
  }

  @Test
  void progressBarOnATerminal() throws Exception {
    assumeTrue(
        new File("/usr/bin/script").canExecute(),
        "util-linux script gives the run a pseudo-terminal");
    List<String> ids =
        IntStream.range(0, 200).mapToObj(i -> "tty_" + i).collect(Collectors.toList());
    ids.forEach(id -> sandbox.jobs().cerebrasBatch(id, "queued"));
    sandbox.jobs().cerebrasBatch("tty_done", "completed");
    Path file = dir.resolve("tty-ids.txt");
    Files.writeString(file, String.join("\n", ids) + "\ntty_done\ntty_missing\n");
    String java = CliProcess.java();
    String inner = java + " -jar " + CliProcess.jar() + " cerebras batch cancel --ids-file " + file;

    Run r =
        exec(List.of("/usr/bin/script", "-q", "-e", "-c", inner, "/dev/null"), sandboxEnv(), null);

    assertEquals(4, r.exit(), r.out() + r.err());
    assertTrue(
        r.out()
            .contains(
                "\r[##############################] 202/202  CANCELLING 200  NOT_CANCELLABLE 1"
                    + "  NotFoundException 1"),
        r.out());
    assertFalse(
        r.out().contains("tty_7\tCANCELLING"), "a terminal gets the bar, not a line per job");
    assertTrue(r.out().contains("  CANCELLING                       200"), r.out());
    assertTrue(r.out().contains("not cancelled (2):"), r.out());
    assertTrue(r.out().contains("  tty_done  NOT_CANCELLABLE  completed"), r.out());
    assertTrue(
        r.out().contains("  tty_missing  NotFoundException  cerebras answered HTTP 404"), r.out());
  }

  @Test
  void jobsListsTheLiveJobsOfEveryProviderWhoseKeyIsSet() throws Exception {
    Run r = run(sandboxEnv(), null, "jobs");

    assertEquals(0, r.exit(), r.err());
    String[] lines = r.out().split("\n");
    assertTrue(
        lines[0].matches("PROVIDER +KIND +ID +STATE +STATUS +AGE +COST +NAME OR MODEL"), lines[0]);
    assertTrue(
        r.out().matches("(?s).*\\ntogether +batch +batch_job_abc123def456 +ACTIVE +IN_PROGRESS .*"),
        r.out());
    assertTrue(
        r.out().matches("(?s).*\\narchetype +fine-tune +ftj-sweep-trial-7 +ACTIVE +STARTING .*"),
        r.out());
    assertTrue(
        r.out().contains("\n15 active or cancelling jobs, $24.80 spent, $3.25/h\n"), r.out());
    assertTrue(
        r.out()
            .matches(
                "(?s).*\\ntogether +batch +batch_job_winding_down_7 +CANCELLING +CANCELING .*"),
        r.out());
    assertFalse(r.out().contains("batch_job_done789"), r.out());
  }

  @Test
  void jobsAllAsJsonHasEveryJobAndNoFailure() throws Exception {
    Run r = run(sandboxEnv(), null, "--json", "jobs", "--all");

    assertEquals(0, r.exit(), r.err());
    Map<?, ?> doc = (Map<?, ?>) JSON.fromJson(r.out());
    List<?> jobs = (List<?>) doc.get("jobs");
    assertEquals(24, jobs.size());
    Map<?, ?> first = (Map<?, ?>) jobs.get(0);
    assertEquals("together", first.get("provider"));
    assertEquals("batch", first.get("kind"));
    assertEquals("batch_job_validating_456", first.get("id"));
    assertEquals("ACTIVE", first.get("state"));
    assertEquals("VALIDATING", first.get("providerStatus"));
    assertTrue(first.get("createdAt") instanceof String);
    assertEquals(List.of(), doc.get("failures"));
  }

  @Test
  void jobsReportsAProviderWhoseListingFailsAndShowsTheOthers() throws Exception {
    Map<String, String> env = new HashMap<>(sandboxEnv());
    env.put("ATAI_BASE_URL", "http://127.0.0.1:9/v0.5"); // nothing listens there

    Run r = run(env, null, "jobs", "--provider", "archetype", "--provider", "cerebras");

    assertEquals(1, r.exit(), r.err());
    assertTrue(
        r.out().endsWith("\n3 active or cancelling jobs (2 of 3 listings failed)\n"), r.out());
    assertTrue(
        r.out().contains("could not list archetype fine-tune jobs: archetype: GET "), r.out());
  }

  @Test
  void jobsSaysSoWhenEveryListingFailed() throws Exception {
    Map<String, String> env = new HashMap<>(sandboxEnv());
    env.put("CEREBRAS_BASE_URL", "http://127.0.0.1:9/v1"); // nothing listens there

    Run r = run(env, null, "jobs", "--provider", "cerebras");

    assertEquals(1, r.exit(), r.err());
    assertTrue(r.out().endsWith("\nno jobs could be listed: every listing failed\n"), r.out());
    assertFalse(r.out().contains("0 active"), r.out());
  }

  @Test
  void watchIntoAPipeIsAUsageErrorUnlessJsonIsAsked() throws Exception {
    Run r = run(sandboxEnv(), null, "jobs", "--watch");

    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("--watch redraws a terminal: add --json"), r.err());
    assertEquals("", r.out()); // no screen-clearing codes into a pipe
  }

  @Test
  void watchWithJsonWritesOneDocumentPerLine() throws Exception {
    CliProcess p =
        CliProcess.startTyping(
            dir,
            CliProcess.command("--json", "jobs", "--watch", "--provider", "cerebras"),
            sandboxEnv());
    p.awaitOutput("}\n{", 30); // a second document has begun
    p.signal("INT");
    Run r = p.finish(30);

    assertEquals(130, r.exit(), r.err()); // Ctrl-C ends it, as it ends any command
    List<String> lines = r.out().lines().collect(Collectors.toList());
    assertTrue(lines.size() >= 2, r.out());
    for (String line : lines) {
      Map<?, ?> doc = (Map<?, ?>) JSON.fromJson(line);
      assertEquals(3, ((List<?>) doc.get("jobs")).size(), line);
      assertEquals(List.of(), doc.get("failures"));
    }
  }

  @Test
  void jobsWithoutAnyKeyIsAUsageError() throws Exception {
    Run r = run(Map.of(), null, "jobs");

    assertEquals(2, r.exit());
    assertTrue(r.err().contains("no provider to list"), r.err());
  }

  @Test
  void queueClearCancelsThePendingRequestsAndSaysHowMany() throws Exception {
    Run r =
        run(sandboxEnv(), null, "together", "queue", "clear", "--model", "meta-llama/Llama-3-8b");

    assertEquals(0, r.exit(), r.err());
    assertEquals(
        "together queue clear meta-llama/Llama-3-8b: 3 pending requests cancelled\n", r.out());
  }

  @Test
  void cancelAllWithoutYesAndNoTerminalPrintsThePlanAndSendsNothing() throws Exception {
    Run r = run(sandboxEnv(), "", "cancel-all");
    Run after = run(sandboxEnv(), null, "jobs");

    assertEquals(0, r.exit(), r.err());
    assertTrue(
        r.out().contains("nothing was sent: run again with --yes to cancel these 13 jobs"),
        r.out());
    assertTrue(
        after.out().contains("\n15 active or cancelling jobs, $24.80 spent, $3.25/h\n"),
        after.out());
    assertEquals(1, after.out().split("CANCELLING", -1).length - 1, after.out()); // the demo's own
  }

  @Test
  void cancelAllWithYesCancelsThePlanOnEveryProvider() throws Exception {
    Run r = run(sandboxEnv(), "", "--json", "cancel-all", "--yes", "--kind", "batch");

    assertEquals(0, r.exit(), r.err());
    Map<?, ?> doc = (Map<?, ?>) JSON.fromJson(r.out());
    assertEquals(false, doc.get("dryRun"));
    assertEquals(7, ((List<?>) doc.get("plan")).size()); // 3 Together, 3 Cerebras, 1 Archetype
    List<?> outcomes = (List<?>) doc.get("outcomes");
    assertEquals(7, outcomes.size());
    for (Object o : outcomes) {
      String state = (String) ((Map<?, ?>) o).get("state");
      assertTrue(state.equals("CANCELLED") || state.equals("CANCELLING"), o.toString());
    }
    assertEquals(List.of(), doc.get("failures"));
  }

  @Test
  void cancelAllRefusesUnsendableIdsAndStillCancelsAndReportsTheRest() throws Exception {
    String long65 = "ftj-" + "x".repeat(61);
    sandbox.jobs().archetypeJob(long65, "RUNNING").archetypeJob(KEY, "RUNNING"); // the key echoed

    Run json =
        run(
            sandboxEnv(),
            "",
            "--json",
            "cancel-all",
            "--yes",
            "--provider",
            "archetype",
            "--kind",
            "fine-tune");

    assertEquals(1, json.exit(), json.err());
    Map<?, ?> doc = (Map<?, ?>) JSON.fromJson(json.out());
    assertEquals(3, ((List<?>) doc.get("plan")).size());
    List<?> refused = (List<?>) doc.get("refused");
    assertEquals(2, refused.size(), refused.toString());
    assertEquals(long65, ((Map<?, ?>) refused.get(0)).get("id"));
    assertEquals(
        "archetype job ids are 1-64 characters; '" + long65 + "' has 65",
        ((Map<?, ?>) refused.get(0)).get("reason"));
    assertEquals("[redacted]", ((Map<?, ?>) refused.get(1)).get("id"));
    assertEquals(3, ((List<?>) doc.get("outcomes")).size());
    assertTrue(!json.out().contains(KEY) && !json.err().contains(KEY));

    Run again = // a dry run
        run(sandboxEnv(), "", "cancel-all", "--provider", "archetype", "--kind", "fine-tune");

    assertEquals(1, again.exit(), again.err());
    assertTrue(
        again.out().contains("not planned: archetype fine-tune " + long65 + ": archetype job ids"),
        again.out());
    assertTrue(again.out().contains("not planned: archetype fine-tune [redacted]: "), again.out());
  }

  @Test
  void matchFindsTheModelOfANamedJobAndNeverThePlaceholder() throws Exception {
    Run model = run(sandboxEnv(), "", "cancel-all", "--match", "NEWTON::");
    Run dash = run(sandboxEnv(), "", "cancel-all", "--provider", "cerebras", "--match", "-");

    assertEquals(0, model.exit(), model.err());
    assertTrue(
        model.out().endsWith("nothing was sent: run again with --yes to cancel these 3 jobs\n"),
        model.out()); // Archetype's config.model, beside each job's name
    assertTrue(model.out().contains("ftj-sweep-trial-7"), model.out());
    assertEquals(0, dash.exit(), dash.err());
    assertEquals("The plan:\nnothing to cancel\n", dash.out()); // no name is not a name "-"
  }

  @Test
  void aDryRunsJsonPlanHoldsTheQueueClears() throws Exception {
    Run r =
        run(
            sandboxEnv(),
            "",
            "--json",
            "cancel-all",
            "--provider",
            "together",
            "--queue-model",
            "meta-llama/Llama-3-8b");

    assertEquals(0, r.exit(), r.err());
    Map<?, ?> doc = (Map<?, ?>) JSON.fromJson(r.out());
    assertEquals(true, doc.get("dryRun"));
    assertEquals(
        List.of(Map.of("provider", "together", "model", "meta-llama/Llama-3-8b")),
        doc.get("queueClears"));
    assertEquals(6, ((List<?>) doc.get("plan")).size()); // ACTIVE ones, not the CANCELLING batch
    // nor the endpoint, which is only counted
    Run after = run(sandboxEnv(), null, "jobs", "--provider", "together");
    assertTrue(
        after.out().matches("(?s).*batch_job_abc123def456 +ACTIVE .*"), "a dry run sends nothing");
  }

  @Test
  void oneHugeIdDoesNotWidenTheOtherRows() throws Exception {
    String huge = "batch_" + "h".repeat(5000);
    sandbox.jobs().togetherBatch(huge, "IN_PROGRESS");

    Run table = run(sandboxEnv(), null, "jobs", "--provider", "together");
    Run json = run(sandboxEnv(), null, "--json", "jobs", "--provider", "together");

    assertEquals(0, table.exit(), table.err());
    int widest = table.out().lines().mapToInt(String::length).max().orElseThrow();
    assertTrue(widest < 7 * (JobsCommand.MAX_CELL + 2), "widest line: " + widest);
    assertTrue(table.out().contains("batch_hhh"), table.out());
    assertTrue(json.out().contains(huge), "--json has the whole id");
  }

  @Test
  void cancelAllReportsAProviderWhoseListingFailedAndCancelsTheOthers() throws Exception {
    Map<String, String> env = new HashMap<>(sandboxEnv());
    env.put("CEREBRAS_BASE_URL", "http://127.0.0.1:9/v1"); // nothing listens there

    Run r =
        run(env, "", "cancel-all", "--yes", "--provider", "cerebras", "--provider", "archetype");

    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().contains("could not list cerebras batch jobs (skipped): "), r.err());
    assertEquals(
        List.of(
            "ftj-graceful-run-5b6c\tCANCELLED\tCANCELLED",
            "ftj-my-finetune-run-3de60a5c\tCANCELLED\tCANCELLED",
            "ftj-sweep-trial-7\tCANCELLED\tCANCELLED",
            "job_2abc3def4ghi5jkl6mno7pqr\tCANCELLED\tCANCELLED"),
        r.out().lines().sorted().collect(Collectors.toList()),
        "a pipe gets one line per job and nothing else");
    assertTrue(r.err().contains("4 CANCELLED"), r.err());
  }

  /** Runs cancelkit under a pseudo-terminal, typing {@code typed} at it. */
  private Run onATerminal(String typed, String... args) throws Exception {
    assumeTrue(
        new File("/usr/bin/script").canExecute(),
        "util-linux script gives the run a pseudo-terminal");
    String java = CliProcess.java();
    String inner = java + " -jar " + CliProcess.jar() + " " + String.join(" ", args);
    return exec(
        List.of("/usr/bin/script", "-q", "-e", "-c", inner, "/dev/null"), sandboxEnv(), typed);
  }

  /**
   * Runs cancelkit under a pseudo-terminal: {@code ahead} is typed at once, before anything is
   * shown, and {@code answer} once the question is.
   */
  private Run onATerminalTypingAhead(String ahead, String answer, String... args) throws Exception {
    assumeTrue(
        new File("/usr/bin/script").canExecute(),
        "util-linux script gives the run a pseudo-terminal");
    String inner = CliProcess.java() + " -jar " + CliProcess.jar() + " " + String.join(" ", args);
    CliProcess p =
        CliProcess.startTyping(
            dir, List.of("/usr/bin/script", "-q", "-e", "-c", inner, "/dev/null"), sandboxEnv());
    p.type(ahead);
    p.awaitOutput("[y/N] ", 60);
    Thread.sleep(200); // the question is on the screen; the person reads it, then answers
    p.type(answer);
    return p.finish(120);
  }

  @Test
  void aYesTypedBeforeTheQuestionIsNotTakenAsTheAnswer() throws Exception {
    Run r = onATerminalTypingAhead("yes\ny", "n\n", "cancel-all", "--provider", "cerebras");
    Run after = run(sandboxEnv(), null, "jobs", "--provider", "cerebras");

    assertEquals(0, r.exit(), r.out());
    assertTrue(r.out().contains("nothing was sent"), r.out());
    assertFalse(after.out().contains("CANCELLING"), after.out());
  }

  @Test
  void aYesTypedAfterTheQuestionIsTheAnswerWhateverWasTypedBefore() throws Exception {
    Run r = onATerminalTypingAhead("no\n", "yes\n", "cancel-all", "--provider", "cerebras");

    assertEquals(0, r.exit(), r.out());
    assertTrue(r.out().contains("3 CANCELLING"), r.out());
  }

  @Test
  void cancelAllOnATerminalAsksAndAnythingButYesSendsNothing() throws Exception {
    Run no = onATerminal("n\n", "cancel-all", "--provider", "archetype", "--kind", "fine-tune");
    Run after = run(sandboxEnv(), null, "jobs", "--provider", "archetype");

    assertEquals(0, no.exit(), no.out());
    assertTrue(no.out().contains("Cancel 3 jobs on 1 provider? [y/N] "), no.out());
    assertTrue(no.out().contains("nothing was sent"), no.out());
    assertFalse(after.out().contains("CANCELLING"), after.out());
  }

  @Test
  void helpNamesACommandWordByWordAtAnyLevel() throws Exception {
    Run readme = run(Map.of(), null, "help", "together", "batch", "cancel"); // as in the README
    Run below = run(Map.of(), null, "together", "help", "batch");
    Run unknown = run(Map.of(), null, "help", "frobnicate");

    assertEquals(0, readme.exit(), readme.err());
    assertTrue(readme.out().startsWith("Usage: cancelkit together batch cancel "), readme.out());
    assertEquals(0, below.exit(), below.err());
    assertTrue(below.out().startsWith("Usage: cancelkit together batch "), below.out());
    assertEquals(2, unknown.exit(), unknown.err());
    assertTrue(
        unknown
            .err()
            .startsWith(
                "cancelkit: 'frobnicate' is not a command of 'cancelkit': choose together, "),
        unknown.err());
    assertEquals("", unknown.out());
  }

  @Test
  void helpAtEveryLevelGoesToStdoutWithExitZero() throws Exception {
    List<List<String>> asks =
        List.of(
            List.of("--help"),
            List.of("help"),
            List.of("help", "cancel-all"),
            List.of("together", "--help"),
            List.of("together", "batch", "-h"),
            List.of("together", "batch", "cancel", "--help"),
            List.of("together", "queue", "clear", "--help"),
            List.of("archetype", "fine-tune", "stop", "--help"),
            List.of("jobs", "--help"),
            List.of("cancel-all", "--help"),
            List.of("demo", "--help"));
    for (List<String> ask : asks) {
      Run r = run(Map.of(), null, ask.toArray(String[]::new));

      assertEquals(0, r.exit(), ask + ": " + r.err());
      assertTrue(r.out().startsWith("Usage: cancelkit"), ask + ": " + r.out());
      assertEquals("", r.err(), ask.toString());
    }
  }

  @Test
  void aMissingIdsFileSaysSoAndSendsNothing() throws Exception {
    Run r = run(sandboxEnv(), null, "together", "batch", "cancel", "--ids-file", "ids/x.txt");

    assertEquals(2, r.exit());
    assertEquals("cancelkit: cannot read ids/x.txt: no such file\n", r.err());
  }

  @Test
  void idsFileLinesThatAreNotIdsAreNamedByLineAndNothingIsSent() throws Exception {
    Path file = dir.resolve("ids.txt");
    Files.writeString(
        file,
        "\uFEFF# the bad deploy\n"
            + "ftj-sweep-trial-7\n"
            + "  ftj-graceful-run-5b6c   \n"
            + "ftj-sweep-trial-7\n"
            + "ftj-my-finetune-run-3de60a5c   # the big one\n"
            + "..\n"
            + "x".repeat(65)
            + "\n");

    Run refused =
        run(sandboxEnv(), null, "archetype", "fine-tune", "cancel", "--ids-file", file.toString());
    Run before = run(sandboxEnv(), null, "archetype", "fine-tune", "status", "ftj-sweep-trial-7");
    Run skipped =
        run(
            sandboxEnv(),
            null,
            "archetype",
            "fine-tune",
            "cancel",
            "--ids-file",
            file.toString(),
            "--skip-invalid");

    assertEquals(2, refused.exit(), refused.err());
    assertEquals("", refused.out());
    assertEquals(
        "cancelkit: "
            + file
            + ": 3 lines are not valid ids\n"
            + "  line 5: 'ftj-my-finetune-run-3de60a5c   # the big one': blanks inside an id\n"
            + "  line 6: '..': '..' is not a job id: it would change the request path\n"
            + "  line 7: '"
            + "x".repeat(65)
            + "': archetype job ids are 1-64 characters; '"
            + "x".repeat(65)
            + "' has 65\n"
            + "nothing was sent (--skip-invalid cancels the rest)\n",
        refused.err());
    assertTrue(before.out().contains(": ACTIVE (STARTING"), before.out());
    assertEquals(1, skipped.exit(), skipped.err()); // the invalid lines were not cancelled
    assertEquals(
        List.of(
            "ftj-graceful-run-5b6c\tCANCELLED\tCANCELLED",
            "ftj-sweep-trial-7\tCANCELLED\tCANCELLED"),
        skipped.out().lines().sorted().collect(Collectors.toList()));
    assertTrue(skipped.err().contains("1 id appears more than once"), skipped.err());
  }

  @Test
  void aHostileStatusCannotForgeAPipeLineOrReachATerminal() throws Exception {
    sandbox.jobs().cerebrasBatch("evil_1", "weird\nforged_2\tCANCELLED\u001b[2J\\n");

    Run r = run(sandboxEnv(), null, "cerebras", "batch", "cancel", "evil_1", "batch_abc123");

    assertEquals(
        List.of(
            "batch_abc123\tCANCELLING\tcancelling",
            "evil_1\tUNKNOWN\tweird\\nforged_2\\tCANCELLED\\u001b[2J\\\\n"),
        r.out().lines().sorted().collect(Collectors.toList()));
    assertFalse(r.out().contains("\u001b") || r.err().contains("\u001b"));
  }

  @Test
  void aJournalLetsASecondRunSkipTheFinishedJobs() throws Exception {
    Path journal = dir.resolve("run.jsonl");
    Path file = dir.resolve("ids.txt");
    Files.writeString(file, "batch_job_abc123def456\nbatch_job_done789\n");
    String[] command = {
      "together", "batch", "cancel", "--ids-file", file.toString(), "--journal", journal.toString()
    };
    Run first = run(sandboxEnv(), null, command);
    Files.writeString(file, "batch_job_abc123def456\nbatch_job_done789\nbatch_nope_1\n");

    Run second = run(sandboxEnv(), null, command);

    assertEquals(3, first.exit(), first.err()); // one had already finished
    assertEquals(4, second.exit(), second.err());
    assertTrue(
        second
            .err()
            .contains(
                "skipping 2 ids that " + journal + " records as CANCELLED or NOT_CANCELLABLE"),
        second.err());
    assertEquals(1, second.out().lines().count(), second.out());
    assertTrue(second.out().startsWith("batch_nope_1\tNotFoundException\t"), second.out());
    List<String> lines =
        Files.readAllLines(journal).stream()
            .filter(l -> !l.contains("\"run\":"))
            .collect(Collectors.toList());
    assertEquals(3, lines.size());
    Map<?, ?> last = (Map<?, ?>) JSON.fromJson(lines.get(2));
    assertEquals("together batch cancel", last.get("target"));
    assertEquals(sandbox.togetherBaseUrl() + "/", last.get("baseUrl"));
    assertTrue(((String) last.get("key")).matches("sha256:[0-9a-f]{16}"), last.toString());
    assertEquals("batch_nope_1", last.get("id"));
  }

  @Test
  void aWaitWhoseValueIsNotADurationSaysItWasReadAsAnId() throws Exception {
    Run r = run(sandboxEnv(), null, "cerebras", "batch", "cancel", "batch_abc123", "--wait", "abc");

    assertEquals(2, r.exit(), r.err());
    assertTrue(
        r.err()
            .startsWith(
                "cancelkit: --wait follows one job; it cannot be used with many ids or --journal"
                    + " ('abc' is not a duration, so it was read as an id; a duration is 30s, 5m,"
                    + " 1h30m)\n"),
        r.err());
  }

  @Test
  void waitMayComeBeforeTheId() throws Exception {
    Run r =
        run(sandboxEnv(), null, "together", "batch", "cancel", "--wait", "batch_job_abc123def456");

    assertEquals(0, r.exit(), r.err());
    assertTrue(
        r.out().startsWith("together batch cancel batch_job_abc123def456: CANCELLED"), r.out());
  }

  @Test
  void aWaitThatRunsOutSaysSo() throws Exception {
    sandbox.jobs().cerebrasBatch("slow_1", "in_progress").settleAfter(Duration.ofMinutes(5));

    Run r = run(sandboxEnv(), null, "cerebras", "batch", "cancel", "slow_1", "--wait=1s");
    Run json =
        run(sandboxEnv(), null, "--json", "cerebras", "batch", "cancel", "slow_1", "--wait=1s");

    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().endsWith("\nstill CANCELLING after 1s; stopped waiting\n"), r.out());
    assertEquals(true, ((Map<?, ?>) JSON.fromJson(json.out())).get("stoppedWaiting"));
  }

  @Test
  void durationsCombineAndANegativeOneIsCalledNegative() throws Exception {
    Run ok =
        run(
            sandboxEnv(),
            null,
            "together",
            "batch",
            "cancel",
            "batch_job_abc123def456",
            "--wait=1m30s");
    Run negative = run(sandboxEnv(), null, "together", "batch", "cancel", "b", "--wait=-5m");

    assertEquals(0, ok.exit(), ok.err());
    assertEquals(2, negative.exit());
    assertTrue(negative.err().contains("'-5m' is negative"), negative.err());
  }

  @Test
  void theSandboxCommandKeepsItsJobsBetweenCommandsUntilStopped() throws Exception {
    CliProcess sandboxed = CliProcess.start(dir, CliProcess.command("sandbox"), Map.of(), null);
    Map<String, String> env = new HashMap<>();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (env.size() < 6 && System.nanoTime() < until) {
      Thread.sleep(50);
      env.clear();
      for (String line : sandboxed.outSoFar().lines().collect(Collectors.toList())) {
        for (String assignment : line.replaceFirst("^export ", "").split(" ")) {
          String[] kv = assignment.split("=", 2);
          env.put(kv[0], kv[1]);
        }
      }
    }
    assertEquals(6, env.size(), sandboxed.outSoFar());

    Run cancel = run(env, null, "cerebras", "batch", "cancel", "batch_abc123");
    Run status = run(env, null, "cerebras", "batch", "status", "batch_abc123");
    sandboxed.signal("TERM");
    Run stopped = sandboxed.finish(30);

    assertEquals(0, cancel.exit(), cancel.err());
    // the cancel was kept: CANCELLING, or CANCELLED once the sandbox's two seconds have passed (a
    // slow machine); a sandbox that forgot it would say ACTIVE
    assertTrue(
        status.out().startsWith("cerebras batch status batch_abc123: CANCELLING")
            || status.out().startsWith("cerebras batch status batch_abc123: CANCELLED"),
        status.out());
    assertEquals(143, stopped.exit());
    assertTrue(stopped.err().endsWith("cancelkit: sandbox stopped\n"), stopped.err());
  }
}
