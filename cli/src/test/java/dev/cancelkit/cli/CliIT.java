package dev.cancelkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.squareup.moshi.JsonAdapter;
import dev.cancelkit.common.json.JsonSupport;
import dev.cancelkit.testkit.Sandbox;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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

  /** What a run printed and how it ended. */
  record Run(int exit, String out, String err) {}

  @BeforeEach
  void start() {
    sandbox = Sandbox.startWithDemoJobs();
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private Run run(Map<String, String> env, String stdin, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                System.getProperty("cancelkit.jar")));
    command.addAll(List.of(args));
    return exec(command, env, stdin);
  }

  private Run exec(List<String> command, Map<String, String> env, String stdin) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment()
        .keySet()
        .removeIf(
            k -> k.endsWith("_API_KEY") || k.endsWith("_BASE_URL") || k.startsWith("CANCELKIT"));
    pb.environment().putAll(env);
    File out = dir.resolve("out-" + System.nanoTime()).toFile();
    File err = dir.resolve("err-" + System.nanoTime()).toFile();
    pb.redirectOutput(out).redirectError(err);
    Process p = pb.start();
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "cancelkit did not finish");
    return new Run(p.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
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
    assertTrue(r.err().contains("TOGETHER_API_KEY"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
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
    assertTrue(r.out().contains("cerebras batch cancel: 301 jobs"), r.out());
    assertTrue(r.out().contains("  CANCELLING                       200"), r.out());
    assertTrue(r.out().contains("  NOT_CANCELLABLE                  100"), r.out());
    assertTrue(r.out().contains("  NotFoundException                  1"), r.out());
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
    Path file = dir.resolve("tty-ids.txt");
    Files.writeString(file, String.join("\n", ids));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String inner =
        java
            + " -jar "
            + System.getProperty("cancelkit.jar")
            + " cerebras batch cancel --ids-file "
            + file;

    Run r =
        exec(List.of("/usr/bin/script", "-q", "-e", "-c", inner, "/dev/null"), sandboxEnv(), null);

    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(
        r.out().contains("\r[##############################] 200/200  CANCELLING 200"), r.out());
    assertFalse(
        r.out().contains("tty_7\tCANCELLING"), "a terminal gets the bar, not a line per job");
    assertTrue(r.out().contains("  CANCELLING                       200"), r.out());
  }

  @Test
  void jobsListsTheLiveJobsOfEveryProviderWhoseKeyIsSet() throws Exception {
    Run r = run(sandboxEnv(), null, "jobs");

    assertEquals(0, r.exit(), r.err());
    String[] lines = r.out().split("\n");
    assertTrue(lines[0].startsWith("PROVIDER   KIND       ID"), lines[0]);
    assertTrue(
        r.out().matches("(?s).*\\ntogether +batch +batch_job_abc123def456 +ACTIVE +IN_PROGRESS .*"),
        r.out());
    assertTrue(
        r.out().matches("(?s).*\\narchetype +fine-tune +ftj-sweep-trial-7 +ACTIVE +STARTING .*"),
        r.out());
    assertTrue(r.out().contains("\n12 active or cancelling jobs\n"), r.out());
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
    assertEquals(18, jobs.size());
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
    assertTrue(r.out().contains("\n3 active or cancelling jobs\n"), r.out());
    assertTrue(
        r.out().contains("could not list archetype fine-tune jobs: archetype: GET "), r.out());
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
        r.out().contains("nothing was sent: run again with --yes to cancel these 11 jobs"),
        r.out());
    assertTrue(after.out().contains("\n12 active or cancelling jobs\n"), after.out());
    assertEquals(1, after.out().split("CANCELLING", -1).length - 1, after.out()); // the demo's own
  }

  @Test
  void cancelAllWithYesCancelsThePlanOnEveryProvider() throws Exception {
    Run r = run(sandboxEnv(), "", "--json", "cancel-all", "--yes", "--kind", "batch");

    assertEquals(0, r.exit(), r.err());
    Map<?, ?> doc = (Map<?, ?>) JSON.fromJson(r.out());
    assertEquals(false, doc.get("dryRun"));
    assertEquals(6, ((List<?>) doc.get("plan")).size()); // 3 Together and 3 Cerebras batches
    List<?> outcomes = (List<?>) doc.get("outcomes");
    assertEquals(6, outcomes.size());
    for (Object o : outcomes) {
      String state = (String) ((Map<?, ?>) o).get("state");
      assertTrue(state.equals("CANCELLED") || state.equals("CANCELLING"), o.toString());
    }
    assertEquals(List.of(), doc.get("failures"));
  }

  @Test
  void cancelAllReportsAProviderWhoseListingFailedAndCancelsTheOthers() throws Exception {
    Map<String, String> env = new HashMap<>(sandboxEnv());
    env.put("CEREBRAS_BASE_URL", "http://127.0.0.1:9/v1"); // nothing listens there

    Run r =
        run(env, "", "cancel-all", "--yes", "--provider", "cerebras", "--provider", "archetype");

    assertEquals(1, r.exit(), r.err());
    assertTrue(r.out().contains("could not list cerebras batch jobs (skipped): "), r.out());
    assertTrue(
        r.out().contains("\narchetype fine-tune ftj-sweep-trial-7: CANCELLED (CANCELLED)"),
        r.out());
    assertTrue(r.out().contains("3 CANCELLED"), r.out());
  }

  /** Runs cancelkit under a pseudo-terminal, typing {@code typed} at it. */
  private Run onATerminal(String typed, String... args) throws Exception {
    assumeTrue(
        new File("/usr/bin/script").canExecute(),
        "util-linux script gives the run a pseudo-terminal");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String inner =
        java + " -jar " + System.getProperty("cancelkit.jar") + " " + String.join(" ", args);
    return exec(
        List.of("/usr/bin/script", "-q", "-e", "-c", inner, "/dev/null"), sandboxEnv(), typed);
  }

  @Test
  void cancelAllOnATerminalAsksAndAnythingButYesSendsNothing() throws Exception {
    Run no = onATerminal("n\n", "cancel-all", "--provider", "archetype");
    Run after = run(sandboxEnv(), null, "jobs", "--provider", "archetype");

    assertEquals(0, no.exit(), no.out());
    assertTrue(no.out().contains("Cancel 3 jobs on 1 provider? [y/N] "), no.out());
    assertTrue(no.out().contains("nothing was sent"), no.out());
    assertFalse(after.out().contains("CANCELLING"), after.out());
  }

  @Test
  void cancelAllOnATerminalGoesOnWhenYesIsTyped() throws Exception {
    Run yes = onATerminal("yes\n", "cancel-all", "--provider", "cerebras");

    assertEquals(0, yes.exit(), yes.out());
    assertTrue(yes.out().contains("Cancel 3 jobs on 1 provider? [y/N] "), yes.out());
    assertTrue(yes.out().contains("3 CANCELLING"), yes.out());
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
}
