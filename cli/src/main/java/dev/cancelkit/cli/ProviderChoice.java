package dev.cancelkit.cli;

import dev.cancelkit.cli.JobsCommand.Kind;
import dev.cancelkit.common.internal.text.SafeText;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --provider P}, shared by jobs and cancel-all, and the kinds of job it selects: those of
 * the providers named, else of every provider whose key variable is set (all three in the sandbox).
 */
final class ProviderChoice {
  static final List<String> PROVIDERS = List.of("together", "cerebras", "archetype");

  @Option(
      names = "--provider",
      paramLabel = "P",
      description = "together, cerebras or archetype; repeat for more than one.")
  List<String> providers = new ArrayList<>();

  /** The kinds of the providers named, or of those whose key is set (all three in the sandbox). */
  List<Kind> kinds(JobCommand command) {
    Session session = command.root().session();
    List<String> chosen = new ArrayList<>();
    for (String p : providers) {
      if (!PROVIDERS.contains(p)) {
        throw command.usage(
            "unknown provider '"
                + SafeText.escape(p)
                + "': choose together, cerebras or archetype");
      }
      if (!chosen.contains(p)) {
        chosen.add(p);
      }
    }
    if (chosen.isEmpty()) {
      for (String p : PROVIDERS) {
        if (session.sandboxed() || hasKey(p)) {
          chosen.add(p);
        }
      }
    }
    if (chosen.isEmpty()) {
      throw command.usage(
          "no provider to list: set TOGETHER_API_KEY, CEREBRAS_API_KEY or ATAI_API_KEY, name one"
              + " with --provider, or try --sandbox");
    }
    List<Kind> kinds = new ArrayList<>();
    for (String p : chosen) {
      switch (p) {
        case "together" -> {
          kinds.add(new Kind(p, "batch", session.together().batches()));
          kinds.add(new Kind(p, "fine-tune", session.together().fineTunes()));
          kinds.add(new Kind(p, "endpoint", session.together().endpoints()));
          kinds.add(new Kind(p, "rl-session", session.together().trainingSessions()));
        }
        case "cerebras" -> kinds.add(new Kind(p, "batch", session.cerebras().batches()));
        default -> {
          kinds.add(new Kind(p, "fine-tune", session.archetype().fineTuneJobs()));
          kinds.add(new Kind(p, "batch", session.archetype().batchJobs()));
        }
      }
    }
    return kinds;
  }

  private static boolean hasKey(String provider) {
    String variable =
        switch (provider) {
          case "together" -> "TOGETHER_API_KEY";
          case "cerebras" -> "CEREBRAS_API_KEY";
          default -> "ATAI_API_KEY";
        };
    String key = System.getenv(variable);
    return key != null && !key.isBlank();
  }
}
