package dev.cancelkit.cli;

import dev.cancelkit.common.BulkOptions;
import dev.cancelkit.common.CancelKitException;
import dev.cancelkit.common.CancelOutcome;
import dev.cancelkit.common.CancelState;
import dev.cancelkit.common.Jobs;
import dev.cancelkit.common.KillSwitch;
import dev.cancelkit.common.internal.text.SafeText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
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
    KillSwitchOutput printer;
    Signals.nothingSent(true); // listing sends no cancel: Ctrl-C while listing exits at once
    try {
      CompletableFuture<KillSwitch.Plan> endpoints =
          unplanned.isEmpty()
              ? null
              : CompletableFuture.supplyAsync(
                  () ->
                      KillSwitch.of(
                              unplanned.stream()
                                  .map(JobsCommand.Kind::jobs)
                                  .collect(Collectors.toList()))
                          .listWithin(listTimeout.limit(this))
                          .plan());
      plan = killSwitch.plan();
      printer = new KillSwitchOutput(queueModels, unplanned(endpoints));
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
      printer.plan(out, plan, !out.json);
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
          out.json(printer.document(plan, true, null, List.of()));
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
      printer.plan(
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
      Map<String, Object> doc = printer.document(plan, false, report, cleared);
      doc.put("queueNotCleared", notCleared);
      out.json(doc);
    } else {
      KillSwitchOutput.outcomes(out, report, terminal);
      for (String model : notCleared) {
        out.err.println(
            "together queue clear " + SafeText.escape(model) + ": not sent (interrupted)");
      }
    }
    return exit;
  }

  /** The exit status the listing alone sets: 1 when a kind could not be listed or a job sent. */
  private static int listed(KillSwitch.Plan plan) {
    return plan.failures().isEmpty() && plan.refused().isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /**
   * The dedicated endpoints running but not planned (no {@code --kind endpoint}), and what they
   * cost per hour as the plan's totals say it; a count of -1 if not known.
   */
  private static KillSwitchOutput.Unplanned unplanned(
      CompletableFuture<KillSwitch.Plan> endpoints) {
    if (endpoints == null) {
      return new KillSwitchOutput.Unplanned(0, "");
    }
    try {
      KillSwitch.Plan p = endpoints.join();
      if (!p.failures().isEmpty()) {
        return new KillSwitchOutput.Unplanned(-1, "");
      }
      return new KillSwitchOutput.Unplanned(
          p.jobs().size() + p.refused().size(),
          JobsCommand.totals(
              p.jobs().stream()
                  .map(j -> JobsCommand.Row.of(j.job()))
                  .collect(Collectors.toList())));
    } catch (RuntimeException e) {
      // the count is a courtesy: its listing failing is no failure of the plan
      return new KillSwitchOutput.Unplanned(-1, "");
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
}
