package dev.cancelkit.cli;

import dev.cancelkit.common.Cancellable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The providers and their kinds of job: {@code together batch}, {@code cerebras batch}, ... */
final class ProviderCommands {
  private ProviderCommands() {}

  @Command(
      name = "together",
      description =
          "Together AI: queued requests, batches, fine-tunes, dedicated endpoints, RL sessions.")
  static final class Together {}

  @Command(name = "batch", description = "Together batch jobs (POST /batches/{id}/cancel).")
  static final class TogetherBatch implements Target {
    @Override
    public String name() {
      return "together batch";
    }

    @Override
    public Cancellable<?> cancellable(Session session) {
      return session.together().batches();
    }
  }

  @Command(
      name = "fine-tune",
      description = "Together fine-tuning jobs (POST /fine-tunes/{id}/cancel).")
  static final class TogetherFineTune implements Target {
    @Override
    public String name() {
      return "together fine-tune";
    }

    @Override
    public Cancellable<?> cancellable(Session session) {
      return session.together().fineTunes();
    }
  }

  @Command(
      name = "queue",
      description =
          "Together queued requests (POST /queue/cancel); only pending ones can be " + "cancelled.")
  static final class TogetherQueue implements Target {
    @Option(
        names = "--model",
        required = true,
        scope = ScopeType.INHERIT,
        paramLabel = "MODEL",
        description = "The model the request was queued for.")
    String model;

    @Override
    public String name() {
      return "together queue";
    }

    @Override
    public Cancellable<?> cancellable(Session session) {
      return session.together().queue(model);
    }
  }

  @Command(
      name = "endpoint",
      description =
          "Together dedicated endpoints: stop sends PATCH /endpoints/{id} {\"state\": \"STOPPED\"}"
              + " (start it again to undo).")
  static final class TogetherEndpoint implements Target {
    @Override
    public String name() {
      return "together endpoint";
    }

    @Override
    public Cancellable<?> cancellable(Session session) {
      return session.together().endpoints();
    }
  }

  @Command(
      name = "rl-session",
      description = "Together RL training sessions (POST /rl/training-sessions/{id}/stop).")
  static final class TogetherRlSession implements Target {
    @Override
    public String name() {
      return "together rl-session";
    }

    @Override
    public Cancellable<?> cancellable(Session session) {
      return session.together().trainingSessions();
    }
  }

  @Command(name = "cerebras", description = "Cerebras: batches.")
  static final class Cerebras {}

  @Command(
      name = "batch",
      description =
          "Cerebras batch jobs (DELETE /batches/{batch_id}); a cancelled batch is "
              + "cancelling for up to ten minutes.")
  static final class CerebrasBatch implements Target {
    @Override
    public String name() {
      return "cerebras batch";
    }

    @Override
    public Cancellable<?> cancellable(Session session) {
      return session.cerebras().batches();
    }
  }

  @Command(name = "archetype", description = "Archetype AI: fine-tune jobs, batch jobs.")
  static final class Archetype {}

  @Command(
      name = "fine-tune",
      description =
          "Archetype fine-tune jobs: cancel ends one at once, stop winds it "
              + "down keeping its last checkpoint. Ids are 1-64 characters.")
  static final class ArchetypeFineTune implements Target {
    @Override
    public String name() {
      return "archetype fine-tune";
    }

    @Override
    public Cancellable<?> cancellable(Session session) {
      return session.archetype().fineTuneJobs();
    }
  }

  @Command(
      name = "batch",
      description =
          "Archetype Batch Processing jobs (POST /batch/jobs/{id}/cancel). Ids are 1-64"
              + " characters.")
  static final class ArchetypeBatch implements Target {
    @Override
    public String name() {
      return "archetype batch";
    }

    @Override
    public Cancellable<?> cancellable(Session session) {
      return session.archetype().batchJobs();
    }
  }
}
