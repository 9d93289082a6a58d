package dev.cancelkit.cli;

import com.squareup.moshi.JsonAdapter;
import dev.cancelkit.common.CancelKitException;
import dev.cancelkit.common.JobStatus;
import dev.cancelkit.common.Jobs;
import dev.cancelkit.common.TransportException;
import dev.cancelkit.common.internal.SafeText;
import dev.cancelkit.common.json.JsonSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "jobs",
    description = {
      "List jobs across providers: Together batches and fine-tunes, Cerebras batches, Archetype"
          + " fine-tune jobs (Together's queue cannot be listed). Shows ACTIVE and CANCELLING jobs;"
          + " --all shows every job.",
      "Providers: those named with --provider, else every provider whose key variable is set"
          + " (with --sandbox: all three)."
    })
final class JobsCommand extends JobCommand implements Callable<Integer> {
  static final List<String> PROVIDERS = List.of("together", "cerebras", "archetype");

  @Option(
      names = "--provider",
      paramLabel = "P",
      description = "together, cerebras or archetype; repeat for more than one.")
  List<String> providers = new ArrayList<>();

  @Option(names = "--all", description = "Every job, finished ones too.")
  boolean all;

  @Option(names = "--watch", description = "Redraw every 3 seconds until Ctrl-C.")
  boolean watch;

  /** One kind of job of one provider. */
  record Kind(String provider, String kind, Jobs<?> jobs) {}

  /** What one kind's listing found, or why it failed. */
  record Listing(Kind kind, List<? extends JobStatus<?>> jobs, CancelKitException error) {}

  @Override
  public Integer call() {
    List<Kind> kinds = kinds(this, providers);
    while (true) {
      List<Listing> listings;
      try {
        listings = list(kinds, all);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return ExitCodes.FAILED; // Ctrl-C while listing: nothing to show; the exit status says so
      }
      if (watch && Signals.received()) {
        return ExitCodes.OK; // Ctrl-C ends a watch; the exit status says so
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
        return ExitCodes.OK; // Ctrl-C ends a watch; the exit status says so
      }
    }
  }

  /** The kinds of the providers named, or of those whose key is set (all three in the sandbox). */
  static List<Kind> kinds(JobCommand command, List<String> named) {
    Session session = command.root().session();
    List<String> chosen = new ArrayList<>();
    for (String p : named) {
      if (!PROVIDERS.contains(p)) {
        throw command.usage(
            "unknown provider '"
                + SafeText.escape(p)
                + "': choose together, cerebras or archetype");
      }
      if (!chosen.contains(p)) {
        chosen.add(p);
      }
    }
    if (chosen.isEmpty()) {
      for (String p : PROVIDERS) {
        if (session.sandboxed() || hasKey(p)) {
          chosen.add(p);
        }
      }
    }
    if (chosen.isEmpty()) {
      throw command.usage(
          "no provider to list: set TOGETHER_API_KEY, CEREBRAS_API_KEY or ATAI_API_KEY, name one"
              + " with --provider, or try --sandbox");
    }
    List<Kind> kinds = new ArrayList<>();
    for (String p : chosen) {
      switch (p) {
        case "together" -> {
          kinds.add(new Kind(p, "batch", session.together().batches()));
          kinds.add(new Kind(p, "fine-tune", session.together().fineTunes()));
        }
        case "cerebras" -> kinds.add(new Kind(p, "batch", session.cerebras().batches()));
        default -> kinds.add(new Kind(p, "fine-tune", session.archetype().fineTuneJobs()));
      }
    }
    return kinds;
  }

  private static boolean hasKey(String provider) {
    String variable =
        switch (provider) {
          case "together" -> "TOGETHER_API_KEY";
          case "cerebras" -> "CEREBRAS_API_KEY";
          default -> "ATAI_API_KEY";
        };
    String key = System.getenv(variable);
    return key != null && !key.isBlank();
  }

  /** Lists every kind in parallel; a listing that fails is reported beside the others. */
  static List<Listing> list(List<Kind> kinds, boolean all) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(kinds.size());
    try {
      List<Future<List<? extends JobStatus<?>>>> futures = new ArrayList<>();
      for (Kind k : kinds) {
        futures.add(pool.submit(() -> all ? listAll(k.jobs()) : k.jobs().active()));
      }
      List<Listing> out = new ArrayList<>();
      for (int i = 0; i < kinds.size(); i++) {
        try {
          out.add(new Listing(kinds.get(i), futures.get(i).get(), null));
        } catch (ExecutionException e) {
          // anything else (an exhausted heap, a bug) fails this listing only, as the kill switch's
          CancelKitException k =
              e.getCause() instanceof CancelKitException known
                  ? known
                  : new TransportException("listing failed: " + e.getCause(), null, false);
          out.add(new Listing(kinds.get(i), List.of(), k));
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<? extends JobStatus<?>> listAll(Jobs<?> jobs) {
    try (Stream<? extends JobStatus<?>> s = jobs.list()) {
      return s.collect(Collectors.toList());
    }
  }

  private void print(List<Listing> listings) {
    Output out = root().output();
    if (out.json) {
      List<Object> jobs = new ArrayList<>();
      List<Object> failures = new ArrayList<>();
      for (Listing l : listings) {
        for (JobStatus<?> j : l.jobs()) {
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
      out.json(doc);
      return;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"PROVIDER", "KIND", "ID", "STATE", "STATUS", "AGE", "NAME OR MODEL"});
    Instant now = Instant.now();
    int count = 0;
    for (Listing l : listings) {
      for (JobStatus<?> j : l.jobs()) {
        rows.add(
            new String[] {
              l.kind().provider(),
              l.kind().kind(),
              SafeText.escape(j.jobId()),
              j.state().name(),
              SafeText.escape(String.valueOf(j.providerStatus())),
              j.createdAt().map(t -> age(Duration.between(t, now))).orElse("-"),
              SafeText.escape(nameOrModel(j.job()))
            });
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
            + (failed > 0 ? " (" + failed + " of " + listings.size() + " listings failed)" : ""));
  }

  static Map<String, Object> jobJson(Kind kind, JobStatus<?> j) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("provider", kind.provider());
    o.put("kind", kind.kind());
    o.put("id", j.jobId());
    o.put("state", j.state().name());
    o.put("providerStatus", j.providerStatus());
    o.put("createdAt", j.createdAt().map(Object::toString).orElse(null));
    return o;
  }

  static void table(Output out, List<String[]> rows) {
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

  /** The job's name, else its model, from the provider's record; "-" when it has neither. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static String nameOrModel(Object job) {
    if (job == null) {
      return "-";
    }
    JsonAdapter adapter = JsonSupport.moshi().adapter(job.getClass());
    if (adapter.toJsonValue(job) instanceof Map<?, ?> fields) {
      for (String key : List.of("name", "model", "model_id")) {
        if (fields.get(key) instanceof String text && !text.isBlank()) {
          return text;
        }
      }
    }
    return "-";
  }
}
