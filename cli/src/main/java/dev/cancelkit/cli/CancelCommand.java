package dev.cancelkit.cli;

import dev.cancelkit.common.Cancellable;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "cancel", description = "Cancel a job, or every job listed in --ids-file.")
final class CancelCommand extends JobCommand implements Callable<Integer> {
  @ParentCommand Target target;

  @Parameters(arity = "0..1", paramLabel = "ID", description = "The job id.")
  String id;

  @Mixin WaitOption waitOption;

  @Option(
      names = "--ids-file",
      paramLabel = "FILE",
      description =
          "Cancel every id in FILE, one a line (- reads standard input; # starts a comment).")
  String idsFile;

  @Option(
      names = "--concurrency",
      defaultValue = "8",
      paramLabel = "N",
      description = "With --ids-file: at most N calls at once (1-256, default ${DEFAULT-VALUE}).")
  int concurrency;

  @Override
  public Integer call() {
    if ((id == null) == (idsFile == null)) {
      throw usage("give one job ID or --ids-file");
    }
    if (idsFile != null && waitOption.wait != null) {
      throw usage("--wait follows one job; it cannot be used with --ids-file");
    }
    if (concurrency < 1 || concurrency > 256) {
      throw usage("--concurrency must be 1-256");
    }
    Cancellable<?> cancellable = target.cancellable(root().session());
    String what = target.name() + " cancel";
    return idsFile != null
        ? many(what, cancellable, idsFile, concurrency)
        : single(what, cancellable);
  }

  private <R> int single(String what, Cancellable<R> cancellable) {
    return waitOption.wait == null
        ? one(what, id, cancellable::cancel)
        : this.<R>oneAndWait(what, id, waitOption.wait, cancellable::cancelAndAwait);
  }
}
