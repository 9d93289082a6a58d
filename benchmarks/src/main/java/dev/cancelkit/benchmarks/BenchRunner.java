package dev.cancelkit.benchmarks;

import dev.cancelkit.common.BulkOptions;
import dev.cancelkit.common.CancelOutcome;
import dev.cancelkit.together.TogetherClient;
import dev.cancelkit.together.model.BatchJob;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every measurement against one benchmark server in its own process and prints one table, each
 * figure beside the hand-written OkHttp + Moshi call's. {@code --quick} shortens every phase (a
 * smoke run, not a result).
 */
public final class BenchRunner {
  private final boolean quick;
  private final Path moduleDir;
  private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private final List<String[]> rows = new ArrayList<>();
  private static boolean LATENCY_ONLY;
  private static String ONLY;

  private BenchRunner(boolean quick, Path moduleDir) {
    this.quick = quick;
    this.moduleDir = moduleDir;
  }

  public static void main(String[] args) throws Exception {
    boolean quick = Arrays.asList(args).contains("--quick");
    if (Arrays.asList(args).contains("--latency-only")) {
      LATENCY_ONLY = true;
    }
    for (String a : args) {
      if (a.startsWith("--only=")) {
        // calls, bulk, outside, rate, lists, million, killswitch, start, classpath
        ONLY = a.substring("--only=".length());
      }
    }
    Path module = Path.of(System.getProperty("bench.module", "benchmarks")).toAbsolutePath();
    new BenchRunner(quick, module).run();
  }

  private void run() throws Exception {
    Process server =
        new ProcessBuilder(
                java,
                "-Dsun.net.httpserver.nodelay=true",
                "-cp",
                jar(),
                BenchServer.class.getName())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      String url = "http://127.0.0.1:" + lines.readLine().substring("PORT ".length());
      System.out.println(
          "benchmark server: "
              + url
              + (quick ? "  (quick run: the figures are only a smoke test)" : ""));
      if (part("calls")) {
        latencyAndAllocation(url);
        if (LATENCY_ONLY) {
          return;
        }
        throughput(url);
      }
      if (part("bulk")) {
        bulk(url);
      }
      if (part("outside")) {
        outside(url);
      }
      if (part("rate")) {
        rateLimited(url);
      }
      if (part("lists")) {
        hugeLists(url);
      }
      if (part("million")) {
        millionIds();
      }
      if (part("killswitch")) {
        killSwitch();
      }
      if (part("start")) {
        coldStart(url);
      }
      if (part("classpath")) {
        classpath();
      }
    } finally {
      server.getOutputStream().close();
      server.waitFor(5, TimeUnit.SECONDS);
      server.destroy();
      printTable();
    }
  }

  /** Whether this run measures {@code name}: every part, or the ones {@code --only=a,b} names. */
  private static boolean part(String name) {
    return ONLY == null || Arrays.asList(ONLY.split(",")).contains(name);
  }

  private String jar() {
    return System.getProperty("java.class.path");
  }

  private ChainedOptionsBuilder jmh(String url) {
    return new OptionsBuilder()
        .include(CancelBench.class.getName() + "\\.(cancelkit|handwritten)$")
        .forks(1)
        .warmupIterations(quick ? 1 : 4)
        .warmupTime(TimeValue.seconds(quick ? 1 : 3))
        .measurementIterations(quick ? 1 : 5)
        .measurementTime(TimeValue.seconds(quick ? 1 : 3))
        .jvmArgsAppend("-Dbench.url=" + url, "-Xmx512m")
        .shouldFailOnError(true);
  }

  private void latencyAndAllocation(String url) throws RunnerException {
    Collection<RunResult> results =
        new Runner(
                jmh(url)
                    .mode(Mode.SampleTime)
                    .timeUnit(TimeUnit.MICROSECONDS)
                    .threads(1)
                    .addProfiler(GCProfiler.class)
                    .build())
            .run();
    Map<String, RunResult> by = byName(results);
    double[] p50 = new double[2];
    double[] p99 = new double[2];
    double[] alloc = new double[2];
    String[] names = {"cancelkit", "handwritten"};
    for (int i = 0; i < 2; i++) {
      RunResult r = by.get(names[i]);
      p50[i] = r.getPrimaryResult().getStatistics().getPercentile(50);
      p99[i] = r.getPrimaryResult().getStatistics().getPercentile(99);
      Result<?> a = r.getSecondaryResults().get("gc.alloc.rate.norm");
      alloc[i] = a == null ? Double.NaN : a.getScore();
    }
    row(
        "latency, median (1 thread)",
        fmt(p50[0], "us"),
        fmt(p50[1], "us"),
        ratio(p50[0], p50[1]),
        "<= 1.10x");
    row("latency, p99 (1 thread)", fmt(p99[0], "us"), fmt(p99[1], "us"), ratio(p99[0], p99[1]), "");
    row(
        "allocated per call",
        fmt(alloc[0], "B"),
        fmt(alloc[1], "B"),
        ratio(alloc[0], alloc[1]),
        "<= 1.3x");
  }

  private void throughput(String url) throws RunnerException {
    Collection<RunResult> results =
        new Runner(jmh(url).mode(Mode.Throughput).timeUnit(TimeUnit.SECONDS).threads(16).build())
            .run();
    Map<String, RunResult> by = byName(results);
    double ck = by.get("cancelkit").getPrimaryResult().getScore();
    double hw = by.get("handwritten").getPrimaryResult().getScore();
    row("throughput, 16 threads", fmt(ck, "ops/s"), fmt(hw, "ops/s"), ratio(ck, hw), ">= 0.9x");
  }

  private void bulk(String url) {
    int n = quick ? 800 : 10_000;
    int concurrency = BulkOptions.DEFAULT_CONCURRENCY;
    List<String> ids =
        IntStream.range(0, n).mapToObj(i -> "batch_" + i).collect(Collectors.toList());
    try (TogetherClient together =
        TogetherClient.builder().apiKey(Bodies.KEY).baseUrl(url + "/slow/v1").build()) {
      together.batches().cancelAll(ids.subList(0, 50), BulkOptions.defaults()); // warm up
      long start = System.nanoTime();
      List<CancelOutcome<BatchJob>> out = together.batches().cancelAll(ids, BulkOptions.defaults());
      double seconds = (System.nanoTime() - start) / 1e9;
      long failed = out.stream().filter(o -> o.error().isPresent()).count();
      double rate = n / seconds;
      double ideal = concurrency / 0.020;
      row(
          "bulk cancelAll, " + n + " ids, 20 ms server",
          fmt(rate, "ids/s"),
          fmt(ideal, "ideal ids/s"),
          String.format(Locale.ROOT, "%.0f%% of ideal", 100 * rate / ideal),
          ">= 90%");
      if (failed > 0) {
        System.out.println("bulk: " + failed + " cancels failed");
      }
    }
  }

  /**
   * The command line as users run it ({@code ./cancelkit together batch cancel --ids-file F},
   * output to a pipe, wall time with the JVM's start) against two servers: the project's and {@code
   * server.py}, written apart from it (Python's {@code ThreadingHTTPServer}). Without a limit at 8
   * and 64 calls at once beside {@link HandBulk} (the hand-written client on N threads, also timed
   * from outside); then 4,000 ids into a bucket of 200/s, bursts of 20, without and with {@code
   * x-ratelimit-*} headers.
   */
  private void outside(String javaUrl) throws Exception {
    Path launcher = moduleDir.toAbsolutePath().getParent().resolve("cancelkit");
    if (!Files.isExecutable(launcher)) {
      System.out.println("outside: " + launcher + " is missing");
      return;
    }
    Process python = startPython();
    try {
      Map<String, String> servers = new java.util.LinkedHashMap<>();
      servers.put("project's server", javaUrl);
      if (python != null) {
        BufferedReader lines =
            new BufferedReader(
                new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8));
        servers.put("Python server", "http://127.0.0.1:" + lines.readLine().substring(5));
      }
      for (Map.Entry<String, String> server : servers.entrySet()) {
        for (int concurrency : new int[] {8, 64}) {
          int n = quick ? 400 : concurrency == 8 ? 3000 : 10_000;
          Path ids = idsFile("out_" + concurrency + "_", n);
          String base = server.getValue() + "/slow/v1";
          double ideal = n * 0.020 / concurrency;
          long[] cli = cliCancel(launcher, base, ids, concurrency, n);
          long start = System.nanoTime();
          capture(
              Map.of(),
              java,
              "-cp",
              jar(),
              HandBulk.class.getName(),
              base,
              ids.toString(),
              String.valueOf(concurrency));
          double hand = (System.nanoTime() - start) / 1e9;
          double mine = cli[0] / 1e9;
          row(
              "CLI --ids-file, " + n + " ids, " + concurrency + " at once, " + server.getKey(),
              String.format(
                  Locale.ROOT, "%.1f s (%.0f%% of ideal)%s", mine, 100 * ideal / mine, lost(cli)),
              String.format(Locale.ROOT, "%.1f s (%.0f%%) HandBulk", hand, 100 * ideal / hand),
              ratio(mine, hand),
              ">= 90% of ideal");
        }
        for (String path : List.of("limited", "limited-headers")) {
          int n = quick ? 800 : 4000;
          double ideal = n / 200.0;
          Path ids = idsFile("rl_" + path + "_", n);
          Thread.sleep(1200); // the bucket fills again
          stats(server.getValue());
          long[] cli = cliCancel(launcher, server.getValue() + "/" + path + "/v1", ids, 8, n);
          String[] counts = stats(server.getValue()).split(" ");
          long admitted = Long.parseLong(counts[0]);
          long refused = Long.parseLong(counts[1]);
          double seconds = cli[0] / 1e9;
          row(
              "CLI --ids-file, "
                  + n
                  + " ids, 200/s"
                  + (path.equals("limited") ? "" : ", x-ratelimit-*")
                  + ", "
                  + server.getKey(),
              String.format(
                  Locale.ROOT,
                  "%.1f s, %.1f%% 429%s",
                  seconds,
                  100.0 * refused / (admitted + refused),
                  lost(cli)),
              String.format(Locale.ROOT, "%.0f s ideal (N/R)", ideal),
              ratio(seconds, ideal),
              path.equals("limited") ? "<= 1.10x, 2%" : "<= 1.05x");
        }
      }
      if (python != null) {
        limitedKillSwitch(launcher, servers.get("Python server"));
      }
    } finally {
      if (python != null) {
        python.getOutputStream().close();
        python.waitFor(5, TimeUnit.SECONDS);
        python.destroy();
      }
    }
  }

  /**
   * {@code ./cancelkit cancel-all --kind batch --yes} against {@code server.py}'s three providers,
   * each with {@code n} active batches behind its own bucket of 200 cancels a second (bursts of 20,
   * 20 ms answers): the three at once beside the slowest alone, both against one provider's N / R.
   */
  private void limitedKillSwitch(Path launcher, String url) throws Exception {
    int n = quick ? 200 : 4000; // N/R 20 s, as the bulk runs: a run's first 429 pauses it 1 s
    double ideal = n / 200.0;
    Map<String, Double> seconds = new java.util.LinkedHashMap<>();
    for (String provider : List.of("together", "cerebras", "archetype", "all")) {
      get(url + "/reset?jobs=" + n);
      stats(url); // full buckets
      Map<String, String> env = new HashMap<>();
      for (String[] p :
          new String[][] {
            {"TOGETHER", "together", "/v1"},
            {"CEREBRAS", "cerebras", "/v1"},
            {"ATAI", "archetype", "/v0.5"}
          }) {
        env.put(p[0] + "_API_KEY", Bodies.KEY);
        env.put(p[0] + "_BASE_URL", url + "/limited/bucket-" + p[1] + "/" + p[1] + p[2]);
      }
      List<String> command =
          new ArrayList<>(List.of(launcher.toString(), "cancel-all", "--kind", "batch", "--yes"));
      if (!provider.equals("all")) {
        command.addAll(List.of("--provider", provider));
      }
      long start = System.nanoTime();
      String out = capture(ProcessBuilder.Redirect.DISCARD, env, command.toArray(new String[0]));
      seconds.put(provider, (System.nanoTime() - start) / 1e9);
      long done = out.lines().filter(l -> l.contains("\tCANCELL")).count();
      long expected = provider.equals("all") ? 3L * n : n;
      if (done != expected) {
        System.out.println(
            "limited kill switch, " + provider + ": " + done + " of " + expected + " cancelled");
      }
    }
    String slowest =
        seconds.entrySet().stream()
            .filter(e -> !e.getKey().equals("all"))
            .max(Map.Entry.comparingByValue())
            .orElseThrow()
            .getKey();
    row(
        "kill switch, 3 x " + n + " batches, a bucket of 200/s each, Python server",
        String.format(Locale.ROOT, "%.1f s all three", seconds.get("all")),
        String.format(
            Locale.ROOT, "%.1f s %s alone; %.0f s N/R", seconds.get(slowest), slowest, ideal),
        ratio(seconds.get("all"), ideal) + " N/R",
        "<= 1.15x N/R");
    System.out.println("limited kill switch, each alone and all (s): " + seconds);
  }

  /** GETs {@code url}, its answer thrown away. */
  private static void get(String url) throws IOException {
    java.net.HttpURLConnection c =
        (java.net.HttpURLConnection) new java.net.URL(url).openConnection();
    try (java.io.InputStream in = c.getInputStream()) {
      in.readAllBytes();
    } finally {
      c.disconnect();
    }
  }

  /** {@code benchmarks/server.py} on a free port, or null (said) if there is no python3. */
  private Process startPython() {
    try {
      return new ProcessBuilder("python3", moduleDir.resolve("server.py").toString())
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
    } catch (IOException e) {
      System.out.println("outside: no python3 (" + e.getMessage() + "): the project's server only");
      return null;
    }
  }

  private static Path idsFile(String prefix, int n) throws IOException {
    Path file = Files.createTempFile("cancelkit-ids", ".txt");
    file.toFile().deleteOnExit();
    Files.write(
        file,
        IntStream.range(0, n).mapToObj(i -> prefix + i).collect(Collectors.toList()),
        StandardCharsets.UTF_8);
    return file;
  }

  /**
   * {@code ./cancelkit together batch cancel --ids-file ids --concurrency c} against {@code base}:
   * the wall time in ns, the ids it said CANCELLED, and {@code n}.
   */
  private static long[] cliCancel(Path launcher, String base, Path ids, int concurrency, int n)
      throws Exception {
    long start = System.nanoTime();
    String out =
        capture(
            ProcessBuilder.Redirect.DISCARD, // the summary; the exit status says if it failed
            Map.of("TOGETHER_API_KEY", Bodies.KEY, "TOGETHER_BASE_URL", base),
            launcher.toString(),
            "together",
            "batch",
            "cancel",
            "--ids-file",
            ids.toString(),
            "--concurrency",
            String.valueOf(concurrency));
    long elapsed = System.nanoTime() - start;
    long cancelled = out.lines().filter(l -> l.contains("\tCANCELLED\t")).count();
    return new long[] {elapsed, cancelled, n};
  }

  /** Empty when every id was said CANCELLED; else how many were not. */
  private static String lost(long[] cli) {
    return cli[1] == cli[2] ? "" : ", " + (cli[2] - cli[1]) + " not CANCELLED";
  }

  /**
   * {@code cancelAll} of 4,000 ids at the default options against a server that admits 200 requests
   * a second (bursts of 20) and answers 429 with {@code Retry-After: 1} beyond: how long, what
   * share of the requests were refused, and how many ids did not end cancelled. The ideal is N / R
   * = 20 s.
   */
  private void rateLimited(String url) throws Exception {
    int n = quick ? 800 : 4000;
    double ideal = n / 200.0;
    for (String path : List.of("limited", "limited-headers")) {
      List<String> ids =
          IntStream.range(0, n).mapToObj(i -> "rl_" + i).collect(Collectors.toList());
      try (TogetherClient together =
          TogetherClient.builder().apiKey(Bodies.KEY).baseUrl(url + "/" + path + "/v1").build()) {
        Thread.sleep(200); // the bucket fills
        stats(url);
        long start = System.nanoTime();
        List<CancelOutcome<BatchJob>> out =
            together.batches().cancelAll(ids, BulkOptions.defaults());
        double seconds = (System.nanoTime() - start) / 1e9;
        String[] counts = stats(url).split(" ");
        long admitted = Long.parseLong(counts[0]);
        long refused = Long.parseLong(counts[1]);
        long failed = out.stream().filter(o -> o.error().isPresent()).count();
        row(
            "rate-limited bulk, "
                + n
                + " ids, 200/s"
                + (path.equals("limited") ? "" : ", x-ratelimit-*"),
            String.format(
                Locale.ROOT,
                "%.1f s, %.1f%% 429, %d failed",
                seconds,
                100.0 * refused / (admitted + refused),
                failed),
            String.format(Locale.ROOT, "%.0f s ideal (N/R)", ideal),
            ratio(seconds, ideal),
            "<= 1.15x, 2%");
      }
    }
  }

  /**
   * {@code cancelkit cancel-all --yes} over three fake providers (the sandbox) with 500 active jobs
   * each, every answer 50 ms late, Cerebras listed 100 at a time: all three at once, beside each
   * alone. The median of three runs each, a fresh sandbox for every run.
   */
  private void killSwitch() throws Exception {
    int jobs = quick ? 100 : 500;
    int runs = quick ? 1 : 3;
    Path cliJar = moduleDir.resolveSibling("cli").resolve("target/cancelkit.jar");
    if (!Files.exists(cliJar)) {
      System.out.println("kill switch: " + cliJar + " is missing (benchmarks/run builds it)");
      return;
    }
    Map<String, Double> seconds = new java.util.LinkedHashMap<>();
    for (String provider : List.of("together", "cerebras", "archetype", "all")) {
      List<Long> times = new ArrayList<>();
      for (int run = 0; run < runs; run++) {
        try (dev.cancelkit.testkit.Sandbox sandbox = dev.cancelkit.testkit.Sandbox.start()) {
          for (int i = 0; i < jobs; i++) {
            sandbox
                .jobs()
                .togetherBatch(String.format(Locale.ROOT, "batch_ks_%04d", i), "IN_PROGRESS")
                .cerebrasBatch(String.format(Locale.ROOT, "batch_ks_%04d", i), "in_progress")
                .archetypeJob(String.format(Locale.ROOT, "ftj-ks-%04d", i), "RUNNING");
          }
          sandbox.faults().latency(Duration.ofMillis(50));
          List<String> command = new ArrayList<>(List.of(java));
          command.addAll(CliFlags.forArchive(cliJar.resolveSibling("cancelkit.jsa")));
          command.addAll(List.of("-jar", cliJar.toString(), "--json", "cancel-all", "--yes"));
          if (!provider.equals("all")) {
            command.addAll(List.of("--provider", provider));
          }
          String key = dev.cancelkit.testkit.Sandbox.API_KEY;
          Map<String, String> env =
              Map.of(
                  "TOGETHER_BASE_URL",
                  sandbox.togetherBaseUrl(),
                  "TOGETHER_API_KEY",
                  key,
                  "CEREBRAS_BASE_URL",
                  sandbox.cerebrasBaseUrl(),
                  "CEREBRAS_API_KEY",
                  key,
                  "ATAI_BASE_URL",
                  sandbox.archetypeBaseUrl(),
                  "ATAI_API_KEY",
                  key);
          long start = System.nanoTime();
          String out = capture(env, command.toArray(new String[0])); // throws unless exit 0
          times.add((System.nanoTime() - start) / 1_000_000);
          long cancelled = out.split("\"state\" : \"CANCELL|\"state\": \"CANCELL", -1).length - 1;
          long expected = provider.equals("all") ? 3L * jobs : jobs;
          if (cancelled < expected) {
            throw new IllegalStateException(
                "cancel-all --provider "
                    + provider
                    + ": "
                    + cancelled
                    + " of "
                    + expected
                    + " cancelled: "
                    + out.substring(0, Math.min(out.length(), 2000)));
          }
        }
      }
      seconds.put(provider, median(times) / 1000.0);
    }
    String slowest =
        seconds.entrySet().stream()
            .filter(e -> !e.getKey().equals("all"))
            .max(Map.Entry.comparingByValue())
            .orElseThrow()
            .getKey();
    double all = seconds.get("all");
    double alone = seconds.get(slowest);
    row(
        "kill switch, 3 x " + jobs + " jobs, 50 ms answers",
        String.format(Locale.ROOT, "%.2f s all three", all),
        String.format(Locale.ROOT, "%.2f s %s alone", alone, slowest),
        ratio(all, alone),
        "<= 1.25x");
    System.out.println("kill switch, each alone (s): " + seconds);
  }

  /** The limited paths' "admitted refused" since the last call; counting starts again. */
  private static String stats(String url) throws IOException {
    java.net.HttpURLConnection c =
        (java.net.HttpURLConnection) new java.net.URL(url + "/stats").openConnection();
    try (java.io.InputStream in = c.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } finally {
      c.disconnect();
    }
  }

  /** This module's classes and together-client's runtime jars: what a user's JVM has. */
  private String cancelkitClasspath() throws IOException {
    return moduleDir.resolve("target/classes")
        + File.pathSeparator
        + dependencyJars().stream()
            .filter(BenchRunner::notHarness)
            .collect(Collectors.joining(File.pathSeparator));
  }

  private List<String> dependencyJars() throws IOException {
    return Files.readAllLines(moduleDir.resolve("target/classpath.txt")).stream()
        .flatMap(l -> Arrays.stream(l.split(File.pathSeparator)))
        .filter(s -> !s.isBlank())
        .collect(Collectors.toList());
  }

  /**
   * Together's list of 20,000 fine-tunes (about 60 MB; plain, then gzip) in JVMs whose heap is
   * capped at 128 MiB: {@code list()} in a fresh JVM (time, peak heap used), and {@code cancelkit
   * jobs --provider together --all} (time, peak heap before a collection and the most live after
   * one, from the GC log).
   */
  private void hugeLists(String url) throws Exception {
    String[][] library = new String[2][];
    String[] cli = new String[2];
    List<String> paths = List.of("big", "big-gzip");
    Path cliJar = moduleDir.resolveSibling("cli").resolve("target/cancelkit.jar");
    for (int i = 0; i < 2; i++) {
      String base = url + "/" + paths.get(i) + "/v1";
      library[i] =
          capture(
                  Map.of(),
                  java,
                  "-Xmx128m",
                  "-cp",
                  cancelkitClasspath(),
                  ListHuge.class.getName(),
                  base)
              .trim()
              .split(" ");
      if (!library[i][0].equals(Integer.toString(HugeList.JOBS))) {
        throw new IllegalStateException("list() saw " + library[i][0] + " jobs");
      }
      if (Files.exists(cliJar)) {
        Path gcLog = Files.createTempFile("cancelkit-gc", ".log");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx128m", "-Xlog:gc:file=" + gcLog));
        command.addAll(CliFlags.forArchive(cliJar.resolveSibling("cancelkit.jsa")));
        command.addAll(
            List.of("-jar", cliJar.toString(), "jobs", "--provider", "together", "--all"));
        long start = System.nanoTime();
        String out =
            capture(
                Map.of("TOGETHER_BASE_URL", base, "TOGETHER_API_KEY", Bodies.KEY),
                command.toArray(new String[0]));
        double seconds = (System.nanoTime() - start) / 1e9;
        long lines = out.lines().filter(l -> l.contains("ft-huge-")).count();
        if (lines != HugeList.JOBS) {
          throw new IllegalStateException("cancelkit jobs --all listed " + lines + " jobs");
        }
        long[] heap = heapFromGcLog(gcLog);
        Files.delete(gcLog);
        cli[i] = String.format(Locale.ROOT, "%.2f s, %d MiB (%d live)", seconds, heap[0], heap[1]);
      }
    }
    row(
        "list() 20,000 fine-tunes, -Xmx128m",
        library[0][1] + " s, " + library[0][2] + " MiB",
        library[1][1] + " s, " + library[1][2] + " MiB",
        "plain | gzip",
        "fits");
    if (cli[0] != null) {
      row("  cancelkit jobs --all on it", cli[0], cli[1], "plain | gzip", "fits");
    }
  }

  /**
   * {@code cancelkit --sandbox cerebras batch cancel --ids-file} of 1,000,000 distinct ids (the
   * sandbox in the same JVM), heap capped at 512 MiB, output to a pipe: time, ids a second, and the
   * heap from the GC log. Every id must come out once.
   */
  private void millionIds() throws Exception {
    int n = quick ? 50_000 : 1_000_000;
    Path cliJar = moduleDir.resolveSibling("cli").resolve("target/cancelkit.jar");
    if (!Files.exists(cliJar)) {
      return;
    }
    Path ids = Files.createTempFile("cancelkit-ids", ".txt");
    Path gcLog = Files.createTempFile("cancelkit-gc", ".log");
    try {
      try (java.io.BufferedWriter w = Files.newBufferedWriter(ids)) {
        for (int i = 0; i < n; i++) {
          w.write(String.format(Locale.ROOT, "batch_m_%07d%n", i));
        }
      }
      List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-Xlog:gc:file=" + gcLog));
      command.addAll(CliFlags.forArchive(cliJar.resolveSibling("cancelkit.jsa")));
      command.addAll(
          List.of(
              "-jar",
              cliJar.toString(),
              "--sandbox",
              "cerebras",
              "batch",
              "cancel",
              "--ids-file",
              ids.toString(),
              "--concurrency",
              "64"));
      long start = System.nanoTime();
      Process p =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      long lines = 0;
      try (BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          lines += line.startsWith("batch_m_") ? 1 : 0;
        }
      }
      int exit = p.waitFor();
      double seconds = (System.nanoTime() - start) / 1e9;
      // every id is unknown to the sandbox: each line is a 404 outcome, exit 4 (see ExitCodes)
      if (lines != n) {
        throw new IllegalStateException(n + " ids gave " + lines + " lines, exit " + exit);
      }
      long[] heap = heapFromGcLog(gcLog);
      row(
          String.format(Locale.ROOT, "--ids-file of %,d ids, -Xmx512m", n),
          String.format(Locale.ROOT, "%.0f s, %.0f ids/s", seconds, n / seconds),
          String.format(Locale.ROOT, "heap %d MiB, %d live", heap[0], heap[1]),
          "",
          "fits");
    } finally {
      Files.deleteIfExists(ids);
      Files.deleteIfExists(gcLog);
    }
  }

  /** The most heap in use before a collection, and the most left live after one, in MiB. */
  private static long[] heapFromGcLog(Path gcLog) throws IOException {
    long peak = 0;
    long live = 0;
    Matcher m = Pattern.compile("(\\d+)M->(\\d+)M\\(").matcher(Files.readString(gcLog));
    while (m.find()) {
      peak = Math.max(peak, Long.parseLong(m.group(1)));
      live = Math.max(live, Long.parseLong(m.group(2)));
    }
    return new long[] {peak, live};
  }

  /** Runs {@code command} and returns its standard output; throws unless it exits 0. */
  private static String capture(Map<String, String> env, String... command) throws Exception {
    return capture(ProcessBuilder.Redirect.INHERIT, env, command);
  }

  /** As {@link #capture(Map, String...)}, stderr sent to {@code errors}. */
  private static String capture(
      ProcessBuilder.Redirect errors, Map<String, String> env, String... command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(errors);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue());
    }
    return out;
  }

  private void coldStart(String url) throws Exception {
    List<String> cp = dependencyJars();
    String classes = moduleDir.resolve("target/classes").toString();
    String cancelkitCp = cancelkitClasspath();
    String handCp =
        classes
            + File.pathSeparator
            + cp.stream()
                .filter(BenchRunner::handwrittenNeeds)
                .collect(Collectors.joining(File.pathSeparator));
    int runs = quick ? 3 : 11;
    List<Long> ck = new ArrayList<>();
    List<Long> hw = new ArrayList<>();
    List<Long> jdk = new ArrayList<>();
    List<Long> cancel = new ArrayList<>();
    List<Long> help = new ArrayList<>();
    List<Long> usage = new ArrayList<>();
    List<Long> hwArchived = new ArrayList<>();
    List<String> archivedHand = archivedHandwritten(handCp, url);
    Path launcher = moduleDir.toAbsolutePath().getParent().resolve("cancelkit");
    boolean cli = Files.isExecutable(launcher);
    Map<String, String> env =
        Map.of("TOGETHER_API_KEY", Bodies.KEY, "TOGETHER_BASE_URL", url + "/v1");
    for (int i = -1; i < runs; i++) { // run -1 warms the OS file cache, and is not counted
      time(i, ck, Map.of(), 0, java, "-cp", cancelkitCp, ColdStartCancelkit.class.getName(), url);
      time(i, hw, Map.of(), 0, java, "-cp", handCp, ColdStartHandwritten.class.getName(), url);
      time(i, jdk, Map.of(), 0, java, "-cp", classes, ColdStartJdk.class.getName(), url);
      time(i, hwArchived, Map.of(), 0, archivedHand.toArray(new String[0]));
      if (cli) { // the launcher as users start it (it built the jar and its archive before)
        String l = launcher.toString();
        time(i, cancel, env, 0, l, "together", "batch", "cancel", Bodies.JOB_ID);
        time(i, help, env, 0, l, "--help");
        time(i, usage, env, 2, l, "togther", "batch", "cancel", Bodies.JOB_ID);
      }
    }
    double ckMs = median(ck);
    double hwMs = median(hw);
    double floor = median(jdk);
    row(
        "cold start: build, cancel once, exit",
        fmt(ckMs, "ms"),
        fmt(hwMs, "ms"),
        ratio(ckMs, hwMs),
        "<= 1.15x");
    if (cli) {
      Map<String, List<Long>> rows = new java.util.LinkedHashMap<>();
      rows.put("./cancelkit together batch cancel ID", cancel);
      rows.put("  hand-written, http only, own archive, C1", hwArchived);
      rows.put("./cancelkit --help", help);
      rows.put("./cancelkit togther ... (usage error)", usage);
      rows.forEach(
          (what, times) ->
              row(
                  what,
                  fmt(median(times), "ms"),
                  fmt(floor, "ms") + " (JDK floor)",
                  ratio(median(times), floor) + " the floor",
                  times == hwArchived ? "for scale" : "<= 1.5x the floor"));
    }
  }

  /**
   * The hand-written call started as {@code ./cancelkit} starts: C1 only, G1, a class-data sharing
   * archive recorded from its own run (a static archive needs jars, so its classes are put in one
   * first), and OkHttp told the URL is http:// so that it builds no TLS (as cancelkit does for an
   * http:// base URL). The fair neighbour of the command line's cancel: the same call, OkHttp and
   * Moshi started as fast as they start, no cancelkit.
   */
  private List<String> archivedHandwritten(String handCp, String url) throws Exception {
    Path dir = Files.createDirectories(moduleDir.resolve("target/handwritten-start"));
    Path jar = dir.resolve("handwritten.jar");
    Path classes = moduleDir.resolve("target/classes");
    try (java.util.jar.JarOutputStream out =
            new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
        java.util.stream.Stream<Path> files = Files.walk(classes)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String name = classes.relativize(f).toString().replace(File.separatorChar, '/');
        if (name.startsWith("dev/cancelkit/benchmarks/HandWritten")
            || name.startsWith("dev/cancelkit/benchmarks/Bodies")
            || name.startsWith("dev/cancelkit/benchmarks/ColdStartHandwritten")) {
          out.putNextEntry(new java.util.jar.JarEntry(name));
          out.write(Files.readAllBytes(f));
          out.closeEntry();
        }
      }
    }
    String cp =
        jar
            + File.pathSeparator
            + Arrays.stream(handCp.split(File.pathSeparator))
                .filter(e -> !Files.isDirectory(Path.of(e)))
                .collect(Collectors.joining(File.pathSeparator));
    Path list = dir.resolve("classlist");
    Path archive = dir.resolve("handwritten.jsa");
    String main = ColdStartHandwritten.class.getName();
    time(
        -1,
        new ArrayList<>(),
        Map.of(),
        0,
        java,
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseG1GC",
        "-XX:DumpLoadedClassList=" + list,
        "-cp",
        cp,
        main,
        url,
        "cleartext");
    capture(
        ProcessBuilder.Redirect.DISCARD,
        Map.of(),
        java,
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseG1GC",
        "-Xshare:dump",
        "-XX:SharedClassListFile=" + list,
        "-XX:SharedArchiveFile=" + archive,
        "-cp",
        cp);
    return List.of(
        java,
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseG1GC",
        "-Xshare:on", // fails, rather than measuring a start without the archive
        "-XX:SharedArchiveFile=" + archive,
        "-cp",
        cp,
        main,
        url,
        "cleartext");
  }

  private void time(
      int run, List<Long> into, Map<String, String> env, int expectedExit, String... command)
      throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    long start = System.nanoTime();
    Process p = pb.start();
    byte[] output = p.getInputStream().readAllBytes();
    int exit = p.waitFor();
    long ms = (System.nanoTime() - start) / 1_000_000;
    if (exit != expectedExit) {
      throw new IllegalStateException(
          String.join(" ", command)
              + " exited "
              + exit
              + ": "
              + new String(output, StandardCharsets.UTF_8));
    }
    if (run >= 0) {
      into.add(ms);
    }
  }

  private void classpath() throws IOException {
    List<Path> jars =
        Files.readAllLines(moduleDir.resolve("target/classpath.txt")).stream()
            .flatMap(l -> Arrays.stream(l.split(File.pathSeparator)))
            .filter(s -> !s.isBlank())
            .filter(BenchRunner::notHarness)
            .map(Path::of)
            .collect(Collectors.toList());
    long bytes = 0;
    Map<String, List<String>> versions = new HashMap<>();
    for (Path jar : jars) {
      bytes += Files.isDirectory(jar) ? 0 : Files.size(jar);
      String name = jar.getFileName().toString().replaceAll("-\\d[\\w.-]*\\.jar$", "");
      versions.computeIfAbsent(name, k -> new ArrayList<>()).add(jar.getFileName().toString());
    }
    boolean oneVersionEach = versions.values().stream().allMatch(v -> v.size() == 1);
    row(
        "runtime classpath of together-client",
        jars.size() + " jars, " + fmt(bytes / 1048576.0, "MiB"),
        "",
        oneVersionEach ? "one version each" : "DUPLICATES " + versions,
        "<= 3.5 MiB");
  }

  /**
   * The benchmark harness's own jars (and the sandbox's, for the kill switch), which a user of
   * together-client does not have.
   */
  private static boolean notHarness(String path) {
    String name = Path.of(path).getFileName().toString();
    return !(name.startsWith("jmh-")
        || name.startsWith("jopt-simple")
        || name.startsWith("commons-math3")
        || name.startsWith("testkit-")
        || name.startsWith("cerebras-client-")
        || name.startsWith("archetype-client-"));
  }

  /** What the hand-written call needs: OkHttp, Okio, Moshi and the Kotlin library they run on. */
  private static boolean handwrittenNeeds(String path) {
    String name = Path.of(path).getFileName().toString();
    return name.startsWith("okhttp")
        || name.startsWith("okio")
        || name.startsWith("moshi-1")
        || name.startsWith("moshi-") && !name.startsWith("moshi-adapters")
        || name.startsWith("kotlin-stdlib")
        || name.startsWith("annotations-");
  }

  private static Map<String, RunResult> byName(Collection<RunResult> results) {
    Map<String, RunResult> by = new HashMap<>();
    for (RunResult r : results) {
      String label = r.getParams().getBenchmark();
      by.put(label.substring(label.lastIndexOf('.') + 1), r);
    }
    return by;
  }

  private static double median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().collect(Collectors.toList());
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }

  private static String fmt(double v, String unit) {
    return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.2f %s", v, unit);
  }

  private static String ratio(double a, double b) {
    return String.format(Locale.ROOT, "%.2fx", a / b);
  }

  private void row(String what, String cancelkit, String handwritten, String ratio, String target) {
    rows.add(new String[] {what, cancelkit, handwritten, ratio, target});
  }

  private void printTable() {
    String format = "| %-42s | %-22s | %-22s | %-16s | %-9s |%n";
    System.out.println();
    System.out.printf(format, "measure", "cancelkit", "hand-written", "ratio", "target");
    System.out.printf(
        format, "-".repeat(42), "-".repeat(22), "-".repeat(22), "-".repeat(16), "-".repeat(9));
    for (String[] r : rows) {
      System.out.printf(format, (Object[]) r);
    }
    System.out.println();
    System.out.println(
        "JVM: "
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.version")
            + "; cores: "
            + Runtime.getRuntime().availableProcessors()
            + "; OS: "
            + System.getProperty("os.name")
            + " "
            + System.getProperty("os.arch"));
  }
}
