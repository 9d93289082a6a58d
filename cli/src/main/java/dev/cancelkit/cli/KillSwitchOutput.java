package dev.cancelkit.cli;

import dev.cancelkit.common.CancelOutcome;
import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.KillSwitch;
import dev.cancelkit.common.internal.text.SafeText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@code cancel-all} prints: the plan (a table, its cost, what it leaves out and why), the
 * record of what became of each job (a line per job to a pipe, the counts and the exceptions to a
 * terminal), and the JSON document of both. Every outside text goes through {@link SafeText}.
 */
final class KillSwitchOutput {
  /** Dedicated endpoints running but not planned, -1 if not known, and their cost per hour. */
  record Unplanned(int count, String cost) {}

  private final List<String> queueModels;
  private final Unplanned unplanned;

  KillSwitchOutput(List<String> queueModels, Unplanned unplanned) {
    this.queueModels = queueModels;
    this.unplanned = unplanned;
  }

  /** The plan as a table, with what it costs and what it leaves out; nothing in JSON mode. */
  void plan(Output out, KillSwitch.Plan plan, boolean heading) {
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
    if (unplanned.count() > 0) {
      out.line(
          (unplanned.count() == 1
                  ? "1 dedicated endpoint is"
                  : unplanned.count() + " dedicated endpoints are")
              + " running"
              + (unplanned.cost().isEmpty() ? "" : " (" + unplanned.cost().substring(2) + ")")
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

  /**
   * The record: a pipe gets one line per job ({@code id<TAB>state<TAB>status}) and the counts on
   * stderr; a terminal the counts and the jobs that did not end CANCELLED or CANCELLING.
   */
  static void outcomes(Output out, KillSwitch.Report report, boolean terminal) {
    Set<KillSwitch.Result> unsent = identitySet(report.unsent());
    Set<KillSwitch.Result> unknown = identitySet(report.unknown());
    Map<String, Long> counts = new LinkedHashMap<>();
    List<String> notCancelled = new ArrayList<>();
    for (KillSwitch.Result r : report.results()) {
      String state = state(r, unsent, unknown);
      counts.merge(state, 1L, Long::sum);
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
    to.println(summary(counts));
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

  private static String summary(Map<String, Long> counts) {
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
                r -> state(r, unsent, unknown), LinkedHashMap::new, Collectors.counting()));
  }

  /**
   * A result's state as printed: UNSENT and UNKNOWN for what an interrupt left unsent or unread,
   * else its error's class or its state.
   */
  private static String state(
      KillSwitch.Result r, Set<KillSwitch.Result> unsent, Set<KillSwitch.Result> unknown) {
    return unsent.contains(r) ? "UNSENT" : unknown.contains(r) ? "UNKNOWN" : label(r);
  }

  /** The JSON document of the plan and, once it ran, of what became of each job. */
  Map<String, Object> document(
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
    doc.put("endpointsNotPlanned", unplanned.count() < 0 ? null : unplanned.count());
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
