package dev.cancelkit.cli;

import dev.cancelkit.archetype.FineTuneJobs;
import dev.cancelkit.archetype.model.FineTuneJob;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "stop",
    description =
        "Stop an Archetype fine-tune job gracefully: STOPPING, then STOPPED, keeping "
            + "its latest checkpoint.")
final class StopCommand extends JobCommand implements Callable<Integer> {
  @Parameters(paramLabel = "ID", description = "The job id (1-64 characters).")
  String id;

  @Mixin WaitOption waitOption;

  @Override
  public Integer call() {
    FineTuneJobs jobs = root().session().archetype().fineTuneJobs();
    return waitOption.wait == null
        ? one("archetype fine-tune stop", id, jobs::stop)
        : this.<FineTuneJob>oneAndWait(
            "archetype fine-tune stop", id, waitOption.wait, jobs::stopAndAwait);
  }
}
