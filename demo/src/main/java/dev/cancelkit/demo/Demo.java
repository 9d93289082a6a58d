package dev.cancelkit.demo;

import dev.cancelkit.archetype.ArchetypeClient;
import dev.cancelkit.cerebras.CerebrasClient;
import dev.cancelkit.common.ApiStatusException;
import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.Cancellable;
import dev.cancelkit.testkit.Sandbox;
import dev.cancelkit.together.TogetherClient;
import java.util.concurrent.CompletableFuture;

/**
 * Shows cancelkit at work with no key and no network: the five cancel operations, a job that can no longer be
 * cancelled, an unknown job, a refused id and an async cancel, all against the sandbox on loopback.
 */
public final class Demo {
  private static final String ROW = "%-10s %-22s %-30s %-18s %-17s %s%n";

  private Demo() {}

  public static void main(String[] args) {
    try (Sandbox sandbox = Sandbox.startWithDemoJobs();
        TogetherClient together = TogetherClient.builder()
            .apiKey(Sandbox.API_KEY).baseUrl(sandbox.togetherBaseUrl()).build();
        CerebrasClient cerebras = CerebrasClient.builder()
            .apiKey(Sandbox.API_KEY).baseUrl(sandbox.cerebrasBaseUrl()).build();
        ArchetypeClient archetype = ArchetypeClient.builder()
            .apiKey(Sandbox.API_KEY).baseUrl(sandbox.archetypeBaseUrl()).build()) {
      System.out.println("cancelkit demo: real clients, real HTTP, against the sandbox at " + sandbox + "\n");
      System.out.printf(ROW, "provider", "operation", "job id", "state", "provider status", "HTTP / request id");
      Cancellable<?> queue = together.queue("meta-llama/Llama-3-8b");
      show("together", "queue(model).cancel", queue, "req_pending_01");
      show("together", "queue(model).cancel", queue, "req_running_02");
      show("together", "batches().cancel", together.batches(), "batch_job_abc123def456");
      show("together", "batches().cancel", together.batches(), "batch_job_done789");
      show("together", "fineTunes().cancel", together.fineTunes(), "ft-01234567890123456789");
      show("cerebras", "batches().cancel", cerebras.batches(), "batch_abc123");
      show("archetype", "fineTuneJobs().cancel", archetype.fineTuneJobs(), "ftj-my-finetune-run-3de60a5c");
      show("archetype", "fineTuneJobs().cancel", archetype.fineTuneJobs(), "ftj-finished-run-77aa");
      show("cerebras", "batches().cancel", cerebras.batches(), "batch_does_not_exist");
      show("archetype", "fineTuneJobs().cancel", archetype.fineTuneJobs(), "x".repeat(65));

      sandbox.jobs().cerebrasBatch("batch_async_1", "queued");
      CompletableFuture<? extends CancelResult<?>> pending = cerebras.batches().cancelAsync("batch_async_1");
      CancelResult<?> async = pending.join();
      System.out.printf("%nasync: cerebras.batches().cancelAsync(\"batch_async_1\") completed with %s (%s)%n",
          async.state(), async.providerStatus());
    }
  }

  private static void show(String provider, String operation, Cancellable<?> cancellable, String id) {
    String shownId = id.length() > 28 ? id.substring(0, 25) + "..." : id;
    try {
      CancelResult<?> r = cancellable.cancel(id);
      System.out.printf(ROW, provider, operation, shownId, r.state(), r.providerStatus(),
          r.httpStatus() + " " + r.requestId().orElse(""));
    } catch (ApiStatusException e) {
      System.out.printf(ROW, provider, operation, shownId, e.getClass().getSimpleName(), "-",
          e.statusCode() + " " + e.requestId().orElse("") + "  " + e.errorMessage());
    } catch (IllegalArgumentException e) {
      System.out.printf(ROW, provider, operation, shownId, "refused", "-", "nothing sent: " + e.getMessage()
          .replace(id, shownId));
    }
  }
}
