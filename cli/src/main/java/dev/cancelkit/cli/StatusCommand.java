package dev.cancelkit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "status", description = "Read a job's status, without cancelling it.")
final class StatusCommand extends JobCommand implements Callable<Integer> {
  @ParentCommand Target target;

  @Parameters(paramLabel = "ID", description = "The job id.")
  String id;

  @Override
  public Integer call() {
    return one(target.name() + " status", id, target.cancellable(root().session())::status);
  }
}
