package dev.cancelkit.examples;

import dev.cancelkit.archetype.ArchetypeClient;
import dev.cancelkit.archetype.model.FineTuneJob;
import dev.cancelkit.common.CancelResult;

/**
 * Cancels an Archetype fine-tune job at once. Key from ATAI_API_KEY. Usage: ArchetypeFineTuneCancel
 * JOB_ID
 */
public final class ArchetypeFineTuneCancel {
  private ArchetypeFineTuneCancel() {}

  public static void main(String[] args) {
    try (ArchetypeClient archetype = ArchetypeClient.builder().build()) {
      CancelResult<FineTuneJob> r = archetype.fineTuneJobs().cancel(args[0]);
      System.out.println(r.state() + " at " + r.response().getUpdatedAt());
    }
  }
}
