package dev.cancelkit.examples;

import dev.cancelkit.cerebras.CerebrasClient;
import dev.cancelkit.cerebras.model.Batch;
import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.NotFoundException;

/** Cancels a Cerebras batch. Key from CEREBRAS_API_KEY. Usage: CerebrasBatchCancel BATCH_ID */
public final class CerebrasBatchCancel {
  private CerebrasBatchCancel() {}

  public static void main(String[] args) {
    try (CerebrasClient cerebras = CerebrasClient.builder().build()) {
      CancelResult<Batch> r = cerebras.batches().cancel(args[0]);
      System.out.println(
          r.state()
              + " ("
              + r.providerStatus()
              + "); completed requests stay in "
              + r.response().getOutputFileId());
    } catch (NotFoundException e) {
      System.err.println("no such batch: " + e.errorMessage());
    }
  }
}
