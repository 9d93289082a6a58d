package dev.cancelkit.cli;

import dev.cancelkit.common.BulkOptions;
import dev.cancelkit.common.CancelKitException;
import dev.cancelkit.common.CancelOutcome;
import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.CancelState;
import dev.cancelkit.common.Jobs;
import dev.cancelkit.common.KillSwitch;
import dev.cancelkit.common.internal.text.SafeText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "cancel-all",
    description = {
      "The kill switch: lists every ACTIVE job of the selected providers and kinds (the plan), then"
          + " cancels them, the providers in parallel.",
      "Nothing is cancelled without --yes or a typed yes: on a terminal it asks; when standard"
          + " input is not a terminal it prints the plan, sends nothing and exits 0."
    })
final class CancelAllCommand extends JobCommand implements Callable<Integer> {
  @Mixin ProviderChoice providerChoice;

  @Option(
      names = "--kind",
      paramLabel = "KIND",
      description =
          "batch, fine-tune, rl-session or endpoint; repeatable (default: every kind but endpoint:"
              + " a dedicated endpoint may serve production traffic, so it is stopped only when"
              + " asked for).")
  List<String> kinds = new ArrayList<>();

  /** The kinds --kind takes. */
  static final List<String> KINDS = List.of("batch", "fine-tune", "rl-session", "endpoint");

  @Option(
      names = "--older-than",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "Only jobs created at least DURATION ago: 30s, 5m, 1h. A job whose provider gave no"
              + " believable creation time is left out (and counted).")
  Duration olderThan;

  @Option(
      names = "--include-unknown-age",
      description = "With --older-than, also plan jobs whose age is not known.")
  boolean includeUnknownAge;

  @Option(
      names = "--match",
      paramLabel = "TEXT",
      description = "Only jobs whose id, name or model contains TEXT (case-insensitive).")
  String match;

  @Option(
      names = "--graceful",
      description = "Stop Archetype jobs (keeping their last checkpoint).")
  boolean graceful;

  @Option(
      names = "--queue-model",
      paramLabel = "M",
      description = "Also clear Together's queue of model M (every pending request); repeatable.")
  List<String> queueModels = new ArrayList<>();

  @Option(names = "--yes", description = "Cancel without asking.")
  boolean yes;

  @Mixin WaitOption waitOption;

  @Mixin ListTimeout listTimeout;

  @Option(
      names = "--concurrency",
      defaultValue = "8",
      paramLabel = "N",
      description = "Calls at once per kind of job (1-256, default ${DEFAULT-VALUE}).")
  int concurrency;

  @Override
  public Integer call() {
    if (concurrency < 1 || concurrency > 256) {
      throw usage("--concurrency must be 1-256");
    }
    Set<String> wanted = new LinkedHashSet<>();
    for (String k : kinds) {
      if (!KINDS.contains(k)) {
        throw usage(
            "unknown kind '"
                + SafeText.escape(k)
                + "': choose batch, fine-tune, rl-session or endpoint");
      }
      wanted.add(k);
    }
    List<String> named = providerChoice.providers;
    if (!queueModels.isEmpty() && !named.isEmpty() && !named.contains("together")) {
      throw usage("--queue-model clears Together's queue: add --provider together");
    }
    List<JobsCommand.Kind> all = providerChoice.kinds(this);
    List<JobsCommand.Kind> selected =
        all.stream()
            .filter(
                k -> wanted.isEmpty() ? !k.kind().equals("endpoint") : wanted.contains(k.kind()))
            .collect(Collectors.toList());
    // endpoints left out by default are still counted, so the plan can say they run
    List<JobsCommand.Kind> unplanned =
        wanted.isEmpty()
            ? all.stream().filter(k -> k.kind().equals("endpoint")).collect(Collectors.toList())
            : List.of();
    List<Jobs<?>> jobs = selected.stream().map(JobsCommand.Kind::jobs).collect(Collectors.toList());
    KillSwitch killSwitch = KillSwitch.of(jobs).listWithin(listTimeout.limit(this));
    if (includeUnknownAge && olderThan == null) {
      throw usage("--include-unknown-age goes with --older-than");
    }
    if (olderThan != null) {
      killSwitch.olderThan(olderThan).includeUnknownAge(includeUnknownAge);
    }
    if (match != null) {
      String needle = match.toLowerCase(Locale.ROOT);
      killSwitch.matching(
          j ->
              j.jobId().toLowerCase(Locale.ROOT).contains(needle)
                  || JobsCommand.labels(j.job()).stream()
                      .anyMatch(l -> l.toLowerCase(Locale.ROOT).contains(needle)));
    }
    KillSwitch.Plan plan;
    Signals.nothingSent(true); // listing sends no cancel: Ctrl-C while listing exits at once
    try {
      java.util.concurrent.CompletableFuture<KillSwitch.Plan> endpoints =
          unplanned.isEmpty()
              ? null
              : java.util.concurrent.CompletableFuture.supplyAsync(
                  () ->
                      KillSwitch.of(
                              unplanned.stream()
                                  .map(JobsCommand.Kind::jobs)
                                  .collect(Collectors.toList()))
                          .listWithin(listTimeout.limit(this))
                          .plan());
      plan = killSwitch.plan();
      runningEndpoints = endpoints == null ? 0 : runningEndpoints(endpoints);
    } finally {
      Signals.nothingSent(false);
    }
    Output out = root().output();
    int jobCount = plan.jobs().size() + queueModels.size();
    long providerCount =
        plan.jobs().stream().map(KillSwitch.Planned::provider).distinct().count()
            + (queueModels.isEmpty()
                    || plan.jobs().stream().anyMatch(p -> p.provider().equals("together"))
                ? 0
                : 1);
    boolean proceed = yes;
    if (!yes) {
      printPlan(out, plan, !out.json);
      if (System.console() != null && !out.json && jobCount > 0) {
        Signals.nothingSent(true); // Ctrl-C at the question exits at once
        try {
          proceed = confirm(jobCount, providerCount);
        } finally {
          Signals.nothingSent(false);
        }
      }
      if (!proceed) {
        if (out.json) {
          out.json(document(plan, true, null, List.of()));
        } else {
          out.line(
              jobCount == 0
                  ? "nothing to cancel"
                  : "nothing was sent: run again with --yes to cancel "
                      + (jobCount == 1 ? "this job" : "these " + jobCount + " jobs"));
        }
        return listed(plan);
      }
    } else if (!out.json) { // a pipe's standard output is for the record of each job
      printPlan(
          System.console() != null ? out : new Output(out.err, out.err, false, out.verbose),
          plan,
          false);
    }
    boolean terminal = System.console() != null;
    BulkOutput bar =
        new BulkOutput(out, "cancel-all", plan.jobs().size(), terminal && !out.json, null);
    BulkOptions bulk =
        BulkOptions.defaults().concurrency(concurrency).interruptGrace(INTERRUPT_GRACE);
    KillSwitch.Options options =
        KillSwitch.Options.defaults()
            .bulk(terminal && !out.json ? bulk.onProgress(bar) : bulk)
            .graceful(graceful);
    if (waitOption.wait != null) {
      options = options.await(waitOption.wait);
    }
    KillSwitch.Report report = plan.cancel(options);
    Thread.interrupted(); // a signal is answered by the exit status
    if (terminal && !out.json) {
      bar.endBar();
    }
    List<Map<String, Object>> cleared = new ArrayList<>();
    List<String> notCleared = new ArrayList<>();
    int exit = listed(plan);
    for (String model : queueModels) {
      if (report.interrupted() || Signals.received()) {
        notCleared.add(model);
        continue;
      }
      try {
        long n = root().session().together().queue(model).clear();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("model", model);
        c.put("canceledCount", n);
        cleared.add(c);
        if (!out.json) {
          out.err.println(
              "together queue clear " + SafeText.escape(model) + ": " + n + " cancelled");
        }
      } catch (CancelKitException e) {
        exit = ExitCodes.worst(exit, ExitCodes.of(e));
        out.err.println("together queue clear " + SafeText.escape(model) + ": " + e.getMessage());
      }
    }
    for (KillSwitch.Result r : report.results()) {
      exit = ExitCodes.worst(exit, code(r));
    }
    if (out.json) {
      Map<String, Object> doc = document(plan, false, report, cleared);
      doc.put("queueNotCleared", notCleared);
      out.json(doc);
    } else {
      printOutcomes(out, report, terminal);
      for (String model : notCleared) {
        out.err.println(
            "together queue clear " + SafeText.escape(model) + ": not sent (interrupted)");
      }
    }
    return exit;
  }

  /**
   * The record: a pipe gets one line per job ({@code id<TAB>state<TAB>status}) and the counts on
   * stderr; a terminal the counts and the jobs that did not end CANCELLED or CANCELLING.
   */
  private static void printOutcomes(Output out, KillSwitch.Report report, boolean terminal) {
    Set<KillSwitch.Result> unsent = identitySet(report.unsent());
    Set<KillSwitch.Result> unknown = identitySet(report.unknown());
    List<String> notCancelled = new ArrayList<>();
    for (KillSwitch.Result r : report.results()) {
      String state = unsent.contains(r) ? "UNSENT" : unknown.contains(r) ? "UNKNOWN" : label(r);
      String status =
          unsent.contains(r)
              ? "not sent (interrupted)"
              : unknown.contains(r) ? "sent, the answer was not read (interrupted)" : status(r);
      if (!terminal) {
        out.line(BulkOutput.field(r.jobId()) + "\t" + state + "\t" + BulkOutput.field(status));
      } else if (!state.equals("CANCELLED") && !state.equals("CANCELLING")) {
        notCancelled.add(
            r.provider()
                + " "
                + r.kind()
                + " "
                + SafeText.escape(r.jobId())
                + "  "
                + state
                + "  "
                + SafeText.escape(status));
      }
    }
    var to = terminal ? out.out : out.err;
    to.println(summary(report));
    if (report.interrupted()) {
      to.println("interrupted: nothing more was sent");
    }
    if (!notCancelled.isEmpty()) {
      to.println("not cancelled (" + notCancelled.size() + "):");
      notCancelled.forEach(line -> to.println("  " + line));
    }
  }

  private static Set<KillSwitch.Result> identitySet(List<KillSwitch.Result> results) {
    Set<KillSwitch.Result> set = Collections.newSetFromMap(new IdentityHashMap<>());
    set.addAll(results);
    return set;
  }

  private static String label(KillSwitch.Result r) {
    return r.outcome()
        .flatMap(CancelOutcome::error)
        .<String>map(e -> e.getClass().getSimpleName())
        .orElseGet(() -> r.state().map(Enum::name).orElse("UNKNOWN"));
  }

  private static String status(KillSwitch.Result r) {
    if (r.outcome().flatMap(CancelOutcome::error).isPresent()) {
      return String.valueOf(r.outcome().get().error().get().getMessage());
    }
    return String.valueOf(
        r.lastRead()
            .map(j -> j.providerStatus())
            .orElseGet(
                () ->
                    r.outcome()
                        .flatMap(CancelOutcome::result)
                        .map(CancelResult::providerStatus)
                        .orElse(null)));
  }

  /** The exit status the listing alone sets: 1 when a kind could not be listed or a job sent. */
  private static int listed(KillSwitch.Plan plan) {
    return plan.failures().isEmpty() && plan.refused().isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /** Dedicated endpoints running but not planned (no --kind endpoint); -1 if not known. */
  private int runningEndpoints;

  /** What the running endpoints left out cost per hour, as the plan's totals say it; or "". */
  private String endpointsCost = "";

  private int runningEndpoints(java.util.concurrent.CompletableFuture<KillSwitch.Plan> endpoints) {
    try {
      KillSwitch.Plan p = endpoints.join();
      if (!p.failures().isEmpty()) {
        return -1;
      }
      endpointsCost =
          JobsCommand.totals(
              p.jobs().stream().map(j -> JobsCommand.Row.of(j.job())).collect(Collectors.toList()));
      return p.jobs().size() + p.refused().size();
    } catch (RuntimeException e) {
      return -1; // the count is a courtesy: its listing failing is no failure of the plan
    }
  }

  private void printPlan(Output out, KillSwitch.Plan plan, boolean heading) {
    if (out.json) {
      return;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"PROVIDER", "KIND", "ID", "STATUS", "AGE", "COST", "NAME OR MODEL"});
    Instant now = Instant.now();
    List<JobsCommand.Row> planned = new ArrayList<>();
    for (KillSwitch.Planned p : plan.jobs()) {
      JobsCommand.Row row = JobsCommand.Row.of(p.job());
      planned.add(row);
      String name = row.name();
      rows.add(
          new String[] {
            p.provider(),
            p.kind(),
            SafeText.escape(p.job().jobId()),
            SafeText.escape(String.valueOf(p.job().providerStatus())),
            KillSwitch.knownCreation(p.job(), now)
                .map(t -> JobsCommand.age(Duration.between(t, now)))
                .orElse("-"),
            row.cost(),
            name == null ? "-" : SafeText.escape(name)
          });
    }
    for (String model : queueModels) {
      rows.add(
          new String[] {"together", "queue", "(every pending request)", "pending", "-", "", model});
    }
    if (heading) {
      out.line("The plan:");
    }
    JobsCommand.table(out, rows);
    String cost = JobsCommand.totals(planned);
    if (!cost.isEmpty()) {
      out.line("what the planned jobs cost, where the providers say: " + cost.substring(2));
    }
    if (plan.unknownAge() > 0) {
      out.line(
          (plan.unknownAge() == 1 ? "1 job" : plan.unknownAge() + " jobs")
              + " of unknown age left out by --older-than (--include-unknown-age plans them)");
    }
    if (runningEndpoints > 0) {
      out.line(
          (runningEndpoints == 1
                  ? "1 dedicated endpoint is"
                  : runningEndpoints + " dedicated endpoints are")
              + " running"
              + (endpointsCost.isEmpty() ? "" : " (" + endpointsCost.substring(2) + ")")
              + " and not planned (one may serve production traffic): add --kind endpoint"
              + " to stop them");
    }
    for (KillSwitch.Refused r : plan.refused()) {
      out.line(
          "not planned: "
              + r.provider()
              + " "
              + r.kind()
              + " "
              + SafeText.escape(SafeText.cut(r.job().jobId()))
              + ": "
              + SafeText.escape(r.reason()));
    }
    for (KillSwitch.Failure f : plan.failures()) {
      out.line(
          "could not list "
              + f.provider()
              + " "
              + f.kind()
              + " jobs (skipped): "
              + f.error().getMessage());
    }
  }

  private static boolean confirm(int jobs, long providers) {
    return Prompt.yes(
        "Cancel "
            + jobs
            + (jobs == 1 ? " job" : " jobs")
            + " on "
            + providers
            + (providers == 1 ? " provider" : " providers")
            + "? [y/N] ");
  }

  private static int code(KillSwitch.Result r) {
    if (r.outcome().isEmpty()) {
      return ExitCodes.FAILED;
    }
    CancelOutcome<?> o = r.outcome().get();
    if (o.error().isPresent()) {
      return ExitCodes.of(o.error().get());
    }
    CancelState state = r.state().orElse(CancelState.UNKNOWN);
    return switch (state) {
      case CANCELLED, CANCELLING -> ExitCodes.OK;
      case NOT_CANCELLABLE -> ExitCodes.NOT_CANCELLABLE;
      default -> ExitCodes.FAILED;
    };
  }

  private static String summary(KillSwitch.Report report) {
    Map<String, Long> counts = counts(report);
    if (counts.isEmpty()) {
      return "nothing was cancelled";
    }
    return counts.entrySet().stream()
        .map(e -> e.getValue() + " " + e.getKey())
        .collect(Collectors.joining(", "));
  }

  /** How many jobs ended in each state; failed calls by their error, interrupted ones apart. */
  private static Map<String, Long> counts(KillSwitch.Report report) {
    Set<KillSwitch.Result> unsent = identitySet(report.unsent());
    Set<KillSwitch.Result> unknown = identitySet(report.unknown());
    return report.results().stream()
        .collect(
            Collectors.groupingBy(
                r -> unsent.contains(r) ? "UNSENT" : unknown.contains(r) ? "UNKNOWN" : label(r),
                LinkedHashMap::new,
                Collectors.counting()));
  }

  private Map<String, Object> document(
      KillSwitch.Plan plan,
      boolean dryRun,
      KillSwitch.Report report,
      List<Map<String, Object>> cleared) {
    Map<String, Object> doc = new LinkedHashMap<>();
    List<Object> planned = new ArrayList<>();
    for (KillSwitch.Planned p : plan.jobs()) {
      planned.add(
          JobsCommand.jobJson(
              new JobsCommand.Kind(p.provider(), p.kind(), p.jobs()), JobsCommand.Row.of(p.job())));
    }
    doc.put("plan", planned);
    List<Object> clears = new ArrayList<>();
    for (String model : queueModels) {
      clears.add(Map.of("provider", "together", "model", model));
    }
    doc.put("queueClears", clears); // part of the plan: what --yes clears
    List<Object> refused = new ArrayList<>();
    for (KillSwitch.Refused r : plan.refused()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("provider", r.provider());
      o.put("kind", r.kind());
      o.put("id", r.job().jobId());
      o.put("reason", r.reason());
      refused.add(o);
    }
    doc.put("refused", refused);
    doc.put("unknownAge", plan.unknownAge());
    doc.put("endpointsNotPlanned", runningEndpoints < 0 ? null : runningEndpoints);
    doc.put("dryRun", dryRun);
    List<Object> failures = new ArrayList<>();
    for (KillSwitch.Failure f : plan.failures()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("provider", f.provider());
      o.put("kind", f.kind());
      o.put("error", Output.errorJson(f.error()));
      failures.add(o);
    }
    doc.put("failures", failures);
    if (report == null) {
      return doc;
    }
    List<Object> outcomes = new ArrayList<>();
    for (KillSwitch.Result r : report.results()) {
      if (r.outcome().isEmpty()) {
        continue; // under unsent or unknown
      }
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("provider", r.provider());
      o.put("kind", r.kind());
      o.put("id", r.jobId());
      if (r.outcome().flatMap(CancelOutcome::error).isPresent()) {
        o.put("error", Output.errorJson(r.outcome().get().error().get()));
      } else {
        o.put("state", r.state().map(Enum::name).orElse("UNKNOWN"));
        o.put("providerStatus", status(r));
      }
      outcomes.add(o);
    }
    doc.put("outcomes", outcomes);
    doc.put("queueCleared", cleared);
    doc.put("summary", counts(report));
    doc.put("interrupted", report.interrupted() || Signals.received());
    doc.put("unsent", jobRefs(report.unsent()));
    doc.put("unknown", jobRefs(report.unknown()));
    return doc;
  }

  private static List<Object> jobRefs(List<KillSwitch.Result> results) {
    List<Object> refs = new ArrayList<>();
    for (KillSwitch.Result r : results) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("provider", r.provider());
      o.put("kind", r.kind());
      o.put("id", r.jobId());
      refs.add(o);
    }
    return refs;
  }
}
