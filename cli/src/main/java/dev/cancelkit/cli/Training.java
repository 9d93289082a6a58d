package dev.cancelkit.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The run {@code ./cancelkit} records its class-data-sharing archive from: in one JVM, the commands
 * people start most (a cancel and a status of each kind, a bulk cancel, the lists, help, a usage
 * error, the version) against the embedded sandbox, their output thrown away. The classes they load
 * (picocli's model, the clients, the lambda forms) are then read from the archive at every start,
 * already parsed and verified. Not a user command.
 */
public final class Training {
  private Training() {}

  private static final List<String[]> COMMANDS =
      List.of(
          new String[] {"--sandbox", "together", "batch", "cancel", "batch_job_abc123def456"},
          new String[] {"--sandbox", "together", "batch", "status", "batch_job_abc123def456"},
          new String[] {"--sandbox", "together", "fine-tune", "cancel", "ft-01234567890123456789"},
          new String[] {
            "--sandbox",
            "together",
            "queue",
            "--model",
            "meta-llama/Llama-3-8b",
            "cancel",
            "req_pending_01"
          },
          new String[] {"--sandbox", "cerebras", "batch", "cancel", "batch_abc123"},
          new String[] {
            "--sandbox",
            "--json",
            "archetype",
            "fine-tune",
            "cancel",
            "ftj-my-finetune-run-3de60a5c"
          },
          new String[] {
            "--sandbox", "together", "batch", "cancel", "--wait", "1s", "batch_job_abc123def456"
          },
          new String[] {"--sandbox", "together", "batch", "cancel", "batch_a", "batch_b"},
          new String[] {"--sandbox", "jobs", "--all"},
          new String[] {"--sandbox", "cancel-all", "--yes", "--match", "no_job_is_named_this"},
          new String[] {"--help"},
          new String[] {"together", "batch", "cancel", "--help"},
          new String[] {"togther"},
          new String[] {"--version"});

  /** Runs the training commands; exits 0 whatever they printed. */
  public static void main(String[] args) {
    PrintStream nowhere =
        new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    for (String[] command : COMMANDS) {
      Main.run(command, nowhere, nowhere);
    }
    System.exit(0);
  }
}
