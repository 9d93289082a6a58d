package dev.cancelkit.cli;

import static dev.cancelkit.cli.TwoPaths.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The quick path for {@code PROVIDER KIND cancel ID} says exactly what picocli's path says. */
class QuickCancelTest {
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
    TwoPaths.Seen quick = run(QuickCancel::run, args.split(" "));
    TwoPaths.Seen parsed = run(Main::runParsed, args.split(" "));

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
    assertNull(run(QuickCancel::run, args.split(" ")));
  }

  @Test
  void theQuickKindsAreTheTreesKindsWithACancelAndNoOptions() {
    Map<String, Class<?>> tree = new HashMap<>();
    for (Class<?> provider : CommandTree.children(CancelkitCommand.class)) {
      for (Class<?> kind : CommandTree.children(provider)) {
        if (Target.class.isAssignableFrom(kind)
            && CommandTree.children(kind).contains(CancelCommand.class)
            && !hasOptions(kind)) {
          tree.put(name(provider) + " " + name(kind), kind);
        }
      }
    }
    Map<String, Class<?>> quick = new HashMap<>();
    QuickCancel.KINDS.forEach((words, kind) -> quick.put(words, kind.get().getClass()));

    assertEquals(tree, quick);
  }

  @Test
  void theQuickSwitchesAreTheRootsOnOffOptions() {
    Map<String, String> switches = new HashMap<>();
    for (Field f : CancelkitCommand.class.getDeclaredFields()) {
      Option option = f.getAnnotation(Option.class);
      if (option != null && f.getType() == boolean.class) {
        for (String name : option.names()) {
          switches.put(name, f.getName());
        }
      }
    }

    assertEquals(switches, QuickCancel.SWITCHES);
  }

  private static String name(Class<?> command) {
    return command.getAnnotation(Command.class).name();
  }

  private static boolean hasOptions(Class<?> type) {
    for (Field f : type.getDeclaredFields()) {
      if (f.isAnnotationPresent(Option.class)) {
        return true;
      }
    }
    return false;
  }
}
