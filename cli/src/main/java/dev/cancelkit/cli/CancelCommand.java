package dev.cancelkit.cli;

import dev.cancelkit.common.Cancellable;
import dev.cancelkit.common.internal.text.SafeText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "cancel",
    description = "Cancel a job, the jobs given, or every job listed in --ids-file.")
class CancelCommand extends JobCommand implements Callable<Integer> {
  @ParentCommand Target target;

  @Parameters(arity = "0..*", paramLabel = "ID", description = "The job ids.")
  List<String> ids = new ArrayList<>();

  @Mixin WaitOption waitOption;

  @Option(
      names = "--ids-file",
      paramLabel = "FILE",
      description =
          "Every id in FILE, one a line (- reads standard input; lines starting with #"
              + " are comments).")
  String idsFile;

  @Option(
      names = "--skip-invalid",
      description = "With many ids: report the invalid ones and go on with the rest.")
  boolean skipInvalid;

  @Option(
      names = "--journal",
      paramLabel = "FILE",
      description =
          "Append one JSON line per finished id to FILE; a run given an existing journal skips"
              + " the ids it records as CANCELLED or NOT_CANCELLABLE.")
  Path journal;

  @Option(
      names = "--concurrency",
      defaultValue = "8",
      paramLabel = "N",
      description = "With many ids: at most N calls at once (1-256, default ${DEFAULT-VALUE}).")
  int concurrency;

  @Override
  public Integer call() {
    if (ids.isEmpty() && idsFile == null) {
      throw usage("give a job ID (or several, or --ids-file FILE)");
    }
    if (!ids.isEmpty() && idsFile != null) {
      throw usage("give job IDs or --ids-file, not both");
    }
    boolean many = idsFile != null || ids.size() > 1 || journal != null;
    if (many && waitOption.wait != null) {
      String notADuration =
          ids.size() > 1 && !DurationConverter.looksLikeOne(ids.get(ids.size() - 1))
              ? " ('"
                  + SafeText.escape(SafeText.cut(ids.get(ids.size() - 1)))
                  + "' is not a duration, so it was read as an id; a duration is 30s, 5m, 1h30m)"
              : "";
      throw usage(
          "--wait follows one job; it cannot be used with many ids or --journal" + notADuration);
    }
    if (concurrency < 1 || concurrency > 256) {
      throw usage("--concurrency must be 1-256");
    }
    Cancellable<?> cancellable = target.cancellable(root().session());
    String what = target.name() + " " + verb();
    return many
        ? many(what, cancellable, new Many(idsFile, ids, skipInvalid, journal, concurrency))
        : single(what, cancellable, ids.get(0));
  }

  /** What the command line calls the call: {@code cancel}. */
  String verb() {
    return "cancel";
  }

  private <R> int single(String what, Cancellable<R> cancellable, String id) {
    return waitOption.wait == null
        ? one(what, id, cancellable::cancel)
        : this.<R>oneAndWait(what, id, waitOption.wait, cancellable::cancelAndAwait);
  }
}
