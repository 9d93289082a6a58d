package dev.cancelkit.examples;

import dev.cancelkit.archetype.ArchetypeClient;
import dev.cancelkit.archetype.model.FineTuneJob;
import dev.cancelkit.common.CancelResult;
import java.time.Duration;

/**
 * Stops an Archetype fine-tune job gracefully, keeping its latest checkpoint, and waits for
 * STOPPED. Key from ATAI_API_KEY. Usage: ArchetypeFineTuneStop JOB_ID
 */
public final class ArchetypeFineTuneStop {
  private ArchetypeFineTuneStop() {}

  public static void main(String[] args) {
    try (ArchetypeClient archetype = ArchetypeClient.builder().build()) {
      CancelResult<FineTuneJob> r =
          archetype.fineTuneJobs().stopAndAwait(args[0], Duration.ofMinutes(10));
      System.out.println(r.providerStatus());
    }
  }
}
