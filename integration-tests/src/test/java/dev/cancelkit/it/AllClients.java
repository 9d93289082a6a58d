package dev.cancelkit.it;

import dev.cancelkit.archetype.ArchetypeClient;
import dev.cancelkit.cerebras.CerebrasClient;
import dev.cancelkit.common.Cancellable;
import dev.cancelkit.common.testing.NoDelayServerSockets;
import dev.cancelkit.together.TogetherClient;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import okhttp3.mockwebserver.MockWebServer;

/**
 * The three clients, each pointed at its own path of one loopback server, and their five cancel
 * operations.
 */
final class AllClients implements AutoCloseable {
  /** One operation and an id to cancel with it. */
  record Operation(String name, Cancellable<?> cancellable, String jobId) {}

  final MockWebServer server = new MockWebServer();
  final TogetherClient together;
  final CerebrasClient cerebras;
  final ArchetypeClient archetype;
  final List<Operation> operations;

  AllClients(String apiKey, int maxRetries, Duration timeout, boolean httpLogging)
      throws IOException {
    server.setServerSocketFactory(new NoDelayServerSockets());
    server.start();
    together =
        TogetherClient.builder()
            .apiKey(apiKey)
            .baseUrl(server.url("/together/v1").toString())
            .maxRetries(maxRetries)
            .timeout(timeout)
            .httpLogging(httpLogging)
            .build();
    cerebras =
        CerebrasClient.builder()
            .apiKey(apiKey)
            .baseUrl(server.url("/cerebras/v1").toString())
            .maxRetries(maxRetries)
            .timeout(timeout)
            .httpLogging(httpLogging)
            .build();
    archetype =
        ArchetypeClient.builder()
            .apiKey(apiKey)
            .baseUrl(server.url("/archetype/v0.5").toString())
            .maxRetries(maxRetries)
            .timeout(timeout)
            .httpLogging(httpLogging)
            .build();
    operations =
        List.of(
            new Operation("together queue", together.queue("meta-llama/Llama-3-8b"), "req_7f9c2a"),
            new Operation("together batches", together.batches(), "batch_job_abc123def456"),
            new Operation("together fine-tunes", together.fineTunes(), "ft-01234567890123456789"),
            new Operation("cerebras batches", cerebras.batches(), "batch_abc123"),
            new Operation(
                "archetype fine-tune jobs",
                archetype.fineTuneJobs(),
                "ftj-my-finetune-run-3de60a5c"));
  }

  @Override
  public void close() throws IOException {
    together.close();
    cerebras.close();
    archetype.close();
    server.shutdown();
  }
}
