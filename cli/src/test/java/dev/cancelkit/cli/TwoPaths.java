package dev.cancelkit.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs one command line through a quick path or picocli's, for tests that compare the two. */
final class TwoPaths {
  private TwoPaths() {}

  /** What one run printed and returned, times masked (each run starts its own sandbox). */
  record Seen(int exit, String out, String err) {}

  /** A path: {@link QuickCancel#run}, {@link QuickHelp#run} or {@link Main#runParsed}. */
  interface Runner {
    Integer run(String[] args, PrintStream out, PrintStream err);
  }

  /** What {@code runner} did with {@code args}; null if it left them to another path. */
  static Seen run(Runner runner, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Integer exit =
        runner.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return exit == null
        ? null
        : new Seen(
            exit,
            mask(out.toString(StandardCharsets.UTF_8)),
            mask(err.toString(StandardCharsets.UTF_8)));
  }

  /** Times and stack frames (a --verbose trace's frames differ by path; its lines must not). */
  private static String mask(String text) {
    return text.replaceAll("\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z?", "<time>")
        .replaceAll("\\b\\d{10,13}\\b", "<epoch>")
        .replaceAll("(?m)^\\s+(at |\\.\\.\\. \\d+ more).*\\R", "");
  }
}
