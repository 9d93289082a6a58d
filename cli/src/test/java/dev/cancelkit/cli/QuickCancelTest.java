package dev.cancelkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The quick path for {@code PROVIDER KIND cancel ID} says exactly what picocli's path says. */
class QuickCancelTest {
  /** What one run printed and returned, times masked (each run starts its own sandbox). */
  private record Seen(int exit, String out, String err) {}

  private interface Runner {
    Integer run(String[] args, PrintStream out, PrintStream err);
  }

  private static Seen run(Runner runner, String args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Integer exit =
        runner.run(
            args.split(" "),
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

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--sandbox together batch cancel batch_job_abc123def456",
        "--sandbox together batch cancel batch_job_done789",
        "together --sandbox fine-tune cancel ft-01234567890123456789",
        "--sandbox --json cerebras batch cancel batch_abc123",
        "--sandbox archetype fine-tune cancel ftj-my-finetune-run-3de60a5c --json",
        "--sandbox archetype fine-tune cancel nope",
        "--sandbox -v together fine-tune cancel ../x",
        "--sandbox cerebras batch cancel batch_\u001b[31m"
      })
  void quickPathSaysWhatPicocliSays(String args) {
    Seen quick = run(QuickCancel::run, args);
    Seen parsed = run(Main::runParsed, args);

    assertNotNull(quick, "not taken by the quick path");
    assertEquals(parsed, quick);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--sandbox together queue --model m cancel req_pending_01",
        "--sandbox together batch cancel a b",
        "--sandbox together batch cancel --wait 1s a",
        "--sandbox together batch status a",
        "--sandbox --json --json together batch cancel a",
        "--sandbox together batch cancel -a",
        "--sandbox together batch cancel @ids.txt",
        "--sandbox together nope cancel a",
        "--help",
        "--sandbox jobs"
      })
  void everyOtherFormIsLeftToPicocli(String args) {
    assertNull(run(QuickCancel::run, args));
  }
}
