package dev.cancelkit.cli;

import com.squareup.moshi.JsonAdapter;
import dev.cancelkit.common.CancelKitException;
import dev.cancelkit.common.InvalidResponseException;
import dev.cancelkit.common.JobState;
import dev.cancelkit.common.JobStatus;
import dev.cancelkit.common.Jobs;
import dev.cancelkit.common.internal.job.ParallelListing;
import dev.cancelkit.common.internal.text.SafeText;
import dev.cancelkit.common.json.JsonSupport;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "jobs",
    description = {
      "List jobs across providers: Together batches, fine-tunes, dedicated endpoints and RL"
          + " sessions, Cerebras batches, Archetype fine-tune and batch jobs (Together's queue"
          + " cannot be listed). Shows ACTIVE and CANCELLING jobs; --all shows every job.",
      "Providers: those named with --provider, else every provider whose key variable is set"
          + " (with --sandbox: all three)."
    })
final class JobsCommand extends JobCommand implements Callable<Integer> {
  @Mixin ProviderChoice providerChoice;

  @Option(names = "--all", description = "Every job, finished ones too.")
  boolean all;

  @Option(
      names = "--watch",
      description =
          "Redraw every 3 seconds until Ctrl-C (on a terminal); with --json, one document per"
              + " line (NDJSON) every 3 seconds.")
  boolean watch;

  @Mixin ListTimeout listTimeout;

  /** One kind of job of one provider. */
  record Kind(String provider, String kind, Jobs<?> jobs) {}

  /** What one kind's listing found, or why it failed. */
  record Listing(Kind kind, List<Row> jobs, CancelKitException error) {}

  /**
   * What the command shows of one listed job: its text only, not the provider's whole record, so
   * that a long listing holds little.
   *
   * @param createdAt null when the provider gave none
   * @param name the job's name, else its model; null when it has neither
   */
  record Row(
      String id,
      JobState state,
      String providerStatus,
      Instant createdAt,
      String name,
      BigDecimal spentUsd,
      BigDecimal usdPerHour) {
    static Row of(JobStatus<?> job) {
      List<String> labels = labels(job.job());
      return new Row(
          job.jobId(),
          job.state(),
          job.providerStatus(),
          job.createdAt().orElse(null),
          labels.isEmpty() ? null : labels.get(0),
          job.spentUsd().orElse(null),
          job.usdPerHour().orElse(null));
    }

    /** {@code $12.40}, {@code $38.00/h}, both, or blank where the provider says nothing. */
    String cost() {
      String spent = spentUsd == null ? "" : money(spentUsd);
      String hourly = usdPerHour == null ? "" : money(usdPerHour) + "/h";
      return spent.isEmpty() || hourly.isEmpty() ? spent + hourly : spent + " + " + hourly;
    }

    /** About how many characters the row holds. */
    long size() {
      return id.length()
          + (providerStatus == null ? 0 : providerStatus.length())
          + (name == null ? 0 : name.length());
    }
  }

  /** {@code $12.40}: dollars to the cent. */
  static String money(BigDecimal usd) {
    return "$" + usd.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  /** ", $41.20 spent, $38.00/h" over {@code rows}: the figures the providers gave, if any. */
  static String totals(List<Row> rows) {
    BigDecimal spent = null;
    BigDecimal hourly = null;
    for (Row r : rows) {
      if (r.spentUsd() != null) {
        spent = spent == null ? r.spentUsd() : spent.add(r.spentUsd());
      }
      if (r.usdPerHour() != null) {
        hourly = hourly == null ? r.usdPerHour() : hourly.add(r.usdPerHour());
      }
    }
    return (spent == null ? "" : ", " + money(spent) + " spent")
        + (hourly == null ? "" : ", " + money(hourly) + "/h");
  }

  /** The most jobs of one kind {@code --all} holds (and shows); ACTIVE ones are bounded lower. */
  static final int MAX_ROWS = 100_000;

  /** The most text the rows of one kind may hold, in characters. */
  static final long MAX_ROW_CHARS = 16L << 20;

  @Override
  public Integer call() {
    if (watch && !root().output().json && System.console() == null) {
      throw usage(
          "--watch redraws a terminal: add --json for one JSON document per line (NDJSON) when"
              + " standard output is not a terminal");
    }
    List<Kind> kinds = providerChoice.kinds(this);
    Duration limit = listTimeout.limit(this);
    while (true) {
      List<Listing> listings;
      try {
        listings = list(kinds, all, limit);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return ExitCodes.FAILED; // Ctrl-C while listing: nothing to show; the exit status says so
      }
      if (watch && Signals.received()) {
        return ExitCodes.OK; // Ctrl-C ends a watch: Main exits 130, as after any Ctrl-C
      }
      if (watch && !root().output().json) {
        root().output().line("\u001b[H\u001b[2J" + "cancelkit jobs, every 3 s (Ctrl-C to stop)");
      }
      print(listings);
      if (!watch) {
        return listings.stream().anyMatch(l -> l.error() != null) ? ExitCodes.FAILED : ExitCodes.OK;
      }
      try {
        Thread.sleep(3000);
      } catch (InterruptedException e) {
        return ExitCodes.OK; // Ctrl-C ends a watch: Main exits 130, as after any Ctrl-C
      }
    }
  }

  /**
   * Lists every kind in parallel, within {@code limit} in all; a listing that fails, or is still
   * running then, is reported beside the others.
   */
  static List<Listing> list(List<Kind> kinds, boolean all, Duration limit)
      throws InterruptedException {
    List<Listing> out = new ArrayList<>();
    for (ParallelListing.Listed<Kind, List<Row>> l :
        ParallelListing.run(
            kinds, k -> all ? listAll(k) : rows(k.jobs().active()), limit, Kind::provider)) {
      out.add(new Listing(l.kind(), l.failure() == null ? l.value() : List.of(), l.failure()));
    }
    return out;
  }

  private static List<Row> rows(List<? extends JobStatus<?>> jobs) {
    return jobs.stream().map(Row::of).collect(Collectors.toList());
  }

  /** Every job of one kind, as rows, within {@link #MAX_ROWS} and {@link #MAX_ROW_CHARS}. */
  private static List<Row> listAll(Kind kind) {
    List<Row> rows = new ArrayList<>();
    long chars = 0;
    try (Stream<? extends JobStatus<?>> s = kind.jobs().list()) {
      Iterator<? extends JobStatus<?>> jobs = s.iterator();
      while (jobs.hasNext()) {
        JobStatus<?> job = jobs.next();
        Row row = Row.of(job);
        chars += row.size();
        if (rows.size() >= MAX_ROWS || chars > MAX_ROW_CHARS) {
          throw new InvalidResponseException(
              kind.provider()
                  + ": the list was stopped at more than "
                  + (rows.size() >= MAX_ROWS
                      ? MAX_ROWS + " jobs"
                      : (MAX_ROW_CHARS >> 20) + "M characters of jobs")
                  + " (the most --all shows of one kind), after "
                  + rows.size()
                  + " jobs",
              null);
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private void print(List<Listing> listings) {
    Output out = root().output();
    if (out.json) {
      List<Object> jobs = new ArrayList<>();
      List<Object> failures = new ArrayList<>();
      for (Listing l : listings) {
        for (Row j : l.jobs()) {
          jobs.add(jobJson(l.kind(), j));
        }
        if (l.error() != null) {
          Map<String, Object> f = new LinkedHashMap<>();
          f.put("provider", l.kind().provider());
          f.put("kind", l.kind().kind());
          f.put("error", Output.errorJson(l.error()));
          failures.add(f);
        }
      }
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("jobs", jobs);
      doc.put("failures", failures);
      if (watch) {
        out.jsonLine(doc); // one document per line, one line per redraw: NDJSON
      } else {
        out.json(doc);
      }
      return;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {"PROVIDER", "KIND", "ID", "STATE", "STATUS", "AGE", "COST", "NAME OR MODEL"});
    Instant now = Instant.now();
    int count = 0;
    List<Row> shown = new ArrayList<>();
    for (Listing l : listings) {
      for (Row j : l.jobs()) {
        rows.add(
            new String[] {
              l.kind().provider(),
              l.kind().kind(),
              SafeText.escape(j.id()),
              j.state().name(),
              SafeText.escape(String.valueOf(j.providerStatus())),
              j.createdAt() == null ? "-" : age(Duration.between(j.createdAt(), now)),
              j.cost(),
              j.name() == null ? "-" : SafeText.escape(j.name())
            });
        shown.add(j);
        count++;
      }
    }
    table(out, rows);
    int failed = 0;
    for (Listing l : listings) {
      if (l.error() != null) {
        failed++;
        out.line(
            "could not list "
                + l.kind().provider()
                + " "
                + l.kind().kind()
                + " jobs: "
                + l.error().getMessage());
      }
    }
    if (failed > 0 && failed == listings.size()) {
      out.line("no jobs could be listed: every listing failed");
      return;
    }
    out.line(
        count
            + (all ? " " : " active or cancelling ")
            + (count == 1 ? "job" : "jobs")
            + totals(shown)
            + (failed > 0 ? " (" + failed + " of " + listings.size() + " listings failed)" : ""));
  }

  static Map<String, Object> jobJson(Kind kind, Row j) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("provider", kind.provider());
    o.put("kind", kind.kind());
    o.put("id", j.id());
    o.put("state", j.state().name());
    o.put("providerStatus", j.providerStatus());
    o.put("createdAt", j.createdAt() == null ? null : j.createdAt().toString());
    o.put("name", j.name());
    o.put("spentUsd", j.spentUsd() == null ? null : j.spentUsd().doubleValue());
    o.put("usdPerHour", j.usdPerHour() == null ? null : j.usdPerHour().doubleValue());
    return o;
  }

  /** Prints {@code rows} (the first is the heading) as columns; nothing when there is no row. */
  static void table(Output out, List<String[]> rows) {
    if (rows.size() < 2) {
      return;
    }
    int[] width = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        r[i] = capped(r[i]);
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        s.append(i == r.length - 1 ? r[i] : String.format("%-" + (width[i] + 2) + "s", r[i]));
      }
      out.line(s.toString().stripTrailing());
    }
  }

  /** The widest a table's cell gets; --json has the whole text. */
  static final int MAX_CELL = 64;

  /** {@code text}, or its first characters and {@code ...} when it is wider than a cell. */
  static String capped(String text) {
    if (text.length() <= MAX_CELL) {
      return text;
    }
    int end = MAX_CELL - 3;
    return text.substring(0, Character.isHighSurrogate(text.charAt(end - 1)) ? end - 1 : end)
        + "...";
  }

  /** 45s, 12m, 3h, 2d. */
  static String age(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return s / 60 + "m";
    }
    return s < 86400 ? s / 3600 + "h" : s / 86400 + "d";
  }

  /**
   * The job's name and its model, as the provider's record names them ({@code name}, {@code model},
   * {@code model_id}, {@code base_model}, Archetype's {@code config.model}), in that order, the
   * blank ones left out.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static List<String> labels(Object job) {
    List<String> labels = new ArrayList<>();
    if (job == null) {
      return labels;
    }
    JsonAdapter adapter = JsonSupport.moshi().adapter(job.getClass());
    if (adapter.toJsonValue(job) instanceof Map<?, ?> fields) {
      for (String key : List.of("name", "model", "model_id", "base_model")) {
        if (fields.get(key) instanceof String text && !text.isBlank()) {
          labels.add(text);
        }
      }
      if (fields.get("config") instanceof Map<?, ?> config
          && config.get("model") instanceof String text
          && !text.isBlank()) {
        labels.add(text);
      }
    }
    return labels;
  }
}
