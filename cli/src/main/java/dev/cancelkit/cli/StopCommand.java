package dev.cancelkit.cli;

import dev.cancelkit.archetype.FineTuneJobs;
import dev.cancelkit.archetype.model.FineTuneJob;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "stop",
    description =
        "Stop an Archetype fine-tune job gracefully: STOPPING, then STOPPED, keeping "
            + "its latest checkpoint.")
final class StopCommand extends JobCommand implements Callable<Integer> {
  @Parameters(paramLabel = "ID", description = "The job id (1-64 characters).")
  String id;

  @Option(
      names = "--wait",
      arity = "0..1",
      fallbackValue = "10m",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "Follow the job until it is STOPPED or finished, at most DURATION (default 10m).")
  Duration wait;

  @Override
  public Integer call() {
    FineTuneJobs jobs = root().session().archetype().fineTuneJobs();
    return wait == null
        ? one("archetype fine-tune stop", id, jobs::stop)
        : this.<FineTuneJob>oneAndWait("archetype fine-tune stop", id, wait, jobs::stopAndAwait);
  }
}
