package dev.cancelkit.cli;

import static dev.cancelkit.cli.TwoPaths.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;

/** The quick path for help, the version and usage errors says exactly what picocli's path says. */
class QuickHelpTest {
  /** Every command's words from the root (names and aliases), the root as "", help left out. */
  static Stream<String> commands() {
    List<String> paths = new ArrayList<>();
    walk(HelpIndex.tree(), "", paths);
    return paths.stream();
  }

  private static void walk(CommandLine command, String path, List<String> into) {
    into.add(path);
    for (Map.Entry<String, CommandLine> e : command.getSubcommands().entrySet()) {
      if (!e.getKey().equals("help")) {
        walk(e.getValue(), (path + " " + e.getKey()).trim(), into);
      }
    }
  }

  /** The forms the quick path answers for the command at {@code path}. */
  private static List<String> forms(String path) {
    List<String> forms = new ArrayList<>(List.of(path + " --help", path + " -h", "help " + path));
    CommandLine command = HelpIndex.tree();
    for (String word : path.isEmpty() ? new String[0] : path.split(" ")) {
      command = command.getSubcommands().get(word);
    }
    if (!command.getSubcommands().isEmpty()) {
      forms.add(path + " help");
    }
    if (!command.getSubcommands().isEmpty()
        && command.getCommandSpec().args().stream().noneMatch(ArgSpec::required)) {
      forms.add(path);
      forms.add(path + " nope");
      forms.add(path + " nope nor-this x");
      forms.add(path + " n\u001b[31mpe");
    }
    return forms;
  }

  private static String[] words(String form) {
    String trimmed = form.trim();
    return trimmed.isEmpty() ? new String[0] : trimmed.split(" ");
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everyCommandsHelpAndUsageErrorsAreWhatPicocliPrints(String path) {
    for (String form : forms(path)) {
      TwoPaths.Seen quick = run(QuickHelp::run, words(form));
      TwoPaths.Seen parsed = run(Main::runParsed, words(form));

      assertNotNull(quick, "not taken by the quick path: " + form);
      assertEquals(parsed, quick, form);
    }
  }

  @ParameterizedTest
  @MethodSource("commands")
  void withColoursTheHelpIsPicocliColouredHelp(String path) {
    System.setProperty("picocli.ansi", "true");
    try {
      TwoPaths.Seen quick = run(QuickHelp::run, words(path + " --help"));
      TwoPaths.Seen parsed = run(Main::runParsed, words(path + " --help"));

      assertEquals(parsed, quick);
      assertTrue(quick.out().contains("\u001b["), "no colours: " + quick.out());
    } finally {
      System.clearProperty("picocli.ansi");
    }
  }

  @Test
  void theVersionIsPicocliVersion() {
    for (String form : new String[] {"--version", "-V"}) {
      TwoPaths.Seen quick = run(QuickHelp::run, form);

      assertEquals(run(Main::runParsed, form), quick);
      assertTrue(quick.out().startsWith("cancelkit "), quick.out());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "together -V",
        "--json --help",
        "together batch cancel --help x",
        "together batch cancel x",
        "help together nope",
        "help --help",
        "together help -h",
        "@args.txt",
        "together @args.txt",
        "jobs",
        "jobs nope",
        "together queue --model m nope",
        "together queue",
        "together queue nope",
        "nope jobs",
        "together batch nope cancel x",
        "togther batch --json"
      })
  void everyOtherFormIsLeftToPicocli(String form) {
    assertNull(run(QuickHelp::run, words(form)));
  }

  @Test
  void aPicocliSettingLeavesHelpToPicocli() {
    System.setProperty("picocli.usage.width", "120");
    try {
      assertNull(run(QuickHelp::run, "--help"));
    } finally {
      System.clearProperty("picocli.usage.width");
    }
  }

  @Test
  void theJarsIndexIsTheTreesIndexAsBuilt() throws IOException {
    ByteArrayOutputStream now = new ByteArrayOutputStream();
    HelpIndex.write(HelpIndex.tree(), now);
    byte[] built;
    try (InputStream in = HelpIndex.class.getResourceAsStream(HelpIndex.RESOURCE)) {
      assertNotNull(in, "the build did not write " + HelpIndex.RESOURCE);
      built = in.readAllBytes();
    }

    assertArrayEquals(now.toByteArray(), built);
  }
}
