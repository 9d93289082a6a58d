package dev.cancelkit.cli;

import dev.cancelkit.common.CancelKitException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "status", description = "Read a job's status, without cancelling it.")
final class StatusCommand extends JobCommand implements Callable<Integer> {
  @ParentCommand Target target;

  @Parameters(paramLabel = "ID", description = "The job id.")
  String id;

  /** Exit 0 when the read succeeded, whatever state it found. */
  @Override
  public Integer call() {
    String what = target.name() + " status";
    Output out = root().output();
    try {
      out.status(what, target.cancellable(root().session()).status(id));
      return ExitCodes.OK;
    } catch (CancelKitException e) {
      out.failure(what, id, e);
      return ExitCodes.of(e);
    }
  }
}
