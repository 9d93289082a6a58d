package dev.cancelkit.cli;

import dev.cancelkit.common.BulkOptions;
import dev.cancelkit.common.CancelAllInterruptedException;
import dev.cancelkit.common.CancelKitException;
import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.CancelState;
import dev.cancelkit.common.Cancellable;
import dev.cancelkit.common.internal.client.Origin;
import dev.cancelkit.common.internal.job.JobKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What the leaf commands share: the root's session and output, one job (optionally waited on), many
 * jobs.
 */
abstract class JobCommand {
  @Spec CommandSpec spec;

  CancelkitCommand root() {
    return (CancelkitCommand) spec.root().userObject();
  }

  ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /**
   * Runs one call (and, with a wait, follows the job); prints the result and returns the exit
   * status.
   */
  <R> int one(String what, String jobId, Function<String, CancelResult<R>> call) {
    return one(root().output(), what, jobId, call);
  }

  /** {@link #one(String, String, Function)} printing to {@code out}. */
  static <R> int one(
      Output out, String what, String jobId, Function<String, CancelResult<R>> call) {
    try {
      CancelResult<R> r = call.apply(jobId);
      out.result(what, r, null, null);
      return ExitCodes.of(r);
    } catch (CancelKitException e) {
      out.failure(what, jobId, e);
      return ExitCodes.of(e);
    }
  }

  /**
   * As {@link #one}, then reads the job until it is done or {@code wait} is over, printing each
   * change.
   */
  <R> int oneAndWait(String what, String jobId, Duration wait, Waiter<R> call) {
    Output out = root().output();
    List<String> history = new ArrayList<>();
    long start = System.nanoTime();
    try {
      CancelResult<R> r =
          call.await(
              jobId,
              wait,
              change -> {
                history.add(change.providerStatus());
                out.change(change, (System.nanoTime() - start) / 1_000_000);
              });
      long waited = (System.nanoTime() - start) / 1_000_000;
      boolean gaveUp = r.state() == CancelState.CANCELLING;
      out.result(what, r, history, gaveUp ? wait : null);
      if (gaveUp && !out.json) {
        out.line(
            waited >= wait.toMillis()
                ? "still CANCELLING after " + DurationConverter.format(wait) + "; stopped waiting"
                : "still CANCELLING; stopped waiting after "
                    + DurationConverter.format(Duration.ofMillis(waited))
                    + " (the job could not be read)");
      }
      return ExitCodes.of(r);
    } catch (CancelKitException e) {
      out.failure(what, jobId, e);
      return ExitCodes.of(e);
    }
  }

  /** A cancel or stop that waits. */
  interface Waiter<R> {
    CancelResult<R> await(String jobId, Duration wait, Consumer<CancelResult<R>> onChange);
  }

  /** How long the calls in flight may still answer after Ctrl-C or SIGTERM. */
  static final Duration INTERRUPT_GRACE = Duration.ofSeconds(2);

  /** What {@code --ids-file}, {@code --skip-invalid} and {@code --journal} ask for. */
  record Many(
      String idsFile, List<String> ids, boolean skipInvalid, Path journal, int concurrency) {}

  /**
   * Cancels every id of a file (or stdin, or the command line): the ids checked first, those an
   * earlier run's journal records as done skipped, the outcomes recorded as they finish.
   */
  <R> int many(String what, Cancellable<R> cancellable, Many many) {
    Output out = root().output();
    String source = many.idsFile() == null ? "the command line" : IdsFile.name(many.idsFile());
    IdsFile.Parsed parsed = parse(cancellable, many);
    if (!parsed.invalid().isEmpty()) {
      String problem =
          IdsFile.describe(many.idsFile() == null ? source : many.idsFile(), parsed.invalid());
      if (!many.skipInvalid()) {
        throw new IllegalArgumentException(
            problem
                + System.lineSeparator()
                + "nothing was sent (--skip-invalid cancels the rest)");
      }
      out.err.println("cancelkit: " + problem + System.lineSeparator() + "  (skipped)");
    }
    List<String> ids = parsed.ids();
    if (ids.isEmpty() && parsed.invalid().isEmpty()) {
      throw new IllegalArgumentException("no job ids in " + source);
    }
    long skipped = 0;
    Origin origin =
        cancellable instanceof JobKind kind ? kind.origin() : new Origin("unknown", "unknown");
    if (many.journal() != null) {
      Journal.Read earlier = Journal.read(many.journal(), what, origin);
      String warning = earlier.warning(many.journal());
      if (warning != null) {
        out.err.println("cancelkit: " + warning);
      }
      Set<String> done = earlier.done();
      if (!done.isEmpty()) {
        List<String> left = new ArrayList<>(ids.size());
        for (String id : ids) {
          if (!done.contains(id)) {
            left.add(id);
          }
        }
        skipped = ids.size() - left.size();
        ids = left;
        out.err.println(
            "cancelkit: skipping "
                + skipped
                + (skipped == 1 ? " id" : " ids")
                + " that "
                + many.journal()
                + " records as CANCELLED or NOT_CANCELLABLE");
      }
    }
    if (parsed.duplicates() > 0 && !out.json) {
      out.err.println(
          "cancelkit: "
              + parsed.duplicates()
              + (parsed.duplicates() == 1 ? " id appears" : " ids appear")
              + " more than once in "
              + source
              + "; each is cancelled once");
    }
    Map<String, Object> head = new LinkedHashMap<>();
    head.put("ids", ids.size());
    head.put("duplicates", parsed.duplicates());
    head.put("skippedByJournal", skipped);
    List<Object> invalid = new ArrayList<>();
    for (IdsFile.Invalid i : parsed.invalid()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put(i.unit(), i.line());
      o.put("text", i.text());
      o.put("reason", i.reason());
      invalid.add(o);
    }
    head.put("invalid", invalid);
    Thread running = Thread.currentThread();
    Journal journal =
        many.journal() == null
            ? null
            : Journal.open(many.journal(), what, origin, running::interrupt);
    BulkOutput record = new BulkOutput(out, what, ids.size(), System.console() != null, journal);
    record.start(head);
    if (ids.isEmpty()) {
      record.finish(List.of(), List.of(), Map.of());
      return parsed.invalid().isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }
    BulkOptions options =
        BulkOptions.defaults().concurrency(many.concurrency()).interruptGrace(INTERRUPT_GRACE);
    List<String> all = ids;
    int[] taken = {0};
    Iterable<String> feed = // streamed: outcomes are recorded as they finish, never kept
        () ->
            new Iterator<>() {
              @Override
              public boolean hasNext() {
                return taken[0] < all.size();
              }

              @Override
              public String next() {
                return all.get(taken[0]++);
              }
            };
    try {
      cancellable.cancelEach(feed, options, record);
      record.finish(List.of(), List.of(), Map.of());
    } catch (CancelAllInterruptedException e) {
      Thread.interrupted(); // the signal is answered by the exit status
      List<String> unsent = new ArrayList<>(e.unsent());
      unsent.addAll(all.subList(taken[0], all.size()));
      record.finish(unsent, e.unknown(), Map.of());
    }
    int exit = record.exitStatus();
    return parsed.invalid().isEmpty() ? exit : ExitCodes.worst(exit, ExitCodes.FAILED);
  }

  /** The ids, read while nothing has been sent (so Ctrl-C exits at once). */
  private static IdsFile.Parsed parse(Cancellable<?> cancellable, Many many) {
    Consumer<String> check = cancellable instanceof JobKind kind ? kind::checkId : id -> {};
    Signals.nothingSent(true);
    try {
      return many.idsFile() == null
          ? IdsFile.arguments(many.ids(), check)
          : IdsFile.read(many.idsFile(), System.in, check);
    } finally {
      Signals.nothingSent(false);
    }
  }
}
