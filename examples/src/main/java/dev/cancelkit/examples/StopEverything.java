package dev.cancelkit.examples;

import dev.cancelkit.archetype.ArchetypeClient;
import dev.cancelkit.cerebras.CerebrasClient;
import dev.cancelkit.common.KillSwitch;
import dev.cancelkit.together.TogetherClient;
import java.time.Duration;

/**
 * The kill switch: lists every active job on Together, Cerebras and Archetype, prints the plan, and
 * cancels it only when run with {@code --yes}, then follows each job for up to five minutes. Keys
 * from TOGETHER_API_KEY, CEREBRAS_API_KEY and ATAI_API_KEY. Usage: StopEverything [--yes]
 */
public final class StopEverything {
  private StopEverything() {}

  public static void main(String[] args) {
    try (TogetherClient together = TogetherClient.builder().build();
        CerebrasClient cerebras = CerebrasClient.builder().build();
        ArchetypeClient archetype = ArchetypeClient.builder().build()) {
      KillSwitch.Plan plan =
          KillSwitch.of(
                  together.batches(),
                  together.fineTunes(),
                  together.trainingSessions(),
                  cerebras.batches(),
                  archetype.fineTuneJobs(),
                  archetype.batchJobs()) // together.endpoints() too, to stop dedicated endpoints
              .olderThan(Duration.ofMinutes(1))
              .plan();
      plan.jobs().forEach(System.out::println);
      plan.failures().forEach(f -> System.out.println("could not list: " + f));
      if (args.length > 0 && args[0].equals("--yes")) {
        KillSwitch.Report report =
            plan.cancel(KillSwitch.Options.defaults().await(Duration.ofMinutes(5)));
        report.results().forEach(System.out::println);
        System.out.println(report.counts());
      } else {
        System.out.println("nothing was cancelled: run with --yes to cancel these jobs");
      }
    }
  }
}
