package dev.cancelkit.cli;

import dev.cancelkit.common.BulkOptions;
import dev.cancelkit.common.CancelKitException;
import dev.cancelkit.common.CancelOutcome;
import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.Cancellable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
    Output out = root().output();
    try {
      CancelResult<R> r = call.apply(jobId);
      out.result(what, r, null);
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
      out.result(what, r, history);
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

  /** Cancels every id of a file (or stdin), showing progress, then a table. */
  <R> int many(String what, Cancellable<R> cancellable, String idsFile, int concurrency) {
    Output out = root().output();
    List<String> ids = readIds(idsFile);
    if (ids.isEmpty()) {
      throw usage("no job ids in " + (idsFile.equals("-") ? "standard input" : idsFile));
    }
    int distinct = new LinkedHashSet<>(ids).size();
    Progress progress = new Progress(out, distinct, System.console() != null);
    List<CancelOutcome<R>> outcomes =
        cancellable.cancelAll(
            ids, BulkOptions.defaults().concurrency(concurrency).onProgress(progress));
    out.bulk(what, outcomes);
    return ExitCodes.of(outcomes);
  }

  /**
   * One id a line; blank lines and lines starting with {@code #} are skipped, spaces around ids
   * trimmed.
   */
  private static List<String> readIds(String idsFile) {
    try (BufferedReader in =
        idsFile.equals("-")
            ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
            : Files.newBufferedReader(Path.of(idsFile), StandardCharsets.UTF_8)) {
      List<String> ids = new ArrayList<>();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String id = line.strip();
        if (!id.isEmpty() && !id.startsWith("#")) {
          ids.add(id);
        }
      }
      return ids;
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("cannot read " + idsFile + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new UncheckedIOException("cannot read " + idsFile + ": permission denied", e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + idsFile + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
    }
  }
}
