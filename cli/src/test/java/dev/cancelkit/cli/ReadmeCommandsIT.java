package dev.cancelkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cancelkit.cli.CliProcess.Run;
import dev.cancelkit.testkit.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's command-line examples, read from the README and run as it says they run. */
class ReadmeCommandsIT {
  private static final Path README = Path.of("..", "README.md");

  @TempDir Path dir;

  @Test
  void everyCommandLineExampleRunsUnderTheSandbox() throws Exception {
    List<String> lines = shBlock("## The command line");
    Files.createDirectories(dir.resolve("examples"));
    Files.copy(Path.of("..", "examples", "bad-deploy.txt"), dir.resolve("examples/bad-deploy.txt"));

    List<String> wrong = new ArrayList<>();
    for (String line : lines) {
      // the ids file names batch_job_done789, which has finished: exit 3, as the README's table
      // says
      int expected = line.contains("bad-deploy.txt") ? ExitCodes.NOT_CANCELLABLE : ExitCodes.OK;
      Run r = underTheSandbox(line);
      if (r.exit() != expected) {
        wrong.add(line + ": exit " + r.exit() + "\n" + r.out() + r.err());
      }
    }

    assertEquals(13, lines.size(), String.join("\n", lines));
    assertEquals(List.of(), wrong);
    assertTrue(Files.readString(dir.resolve("run.jsonl")).contains("batch_job_done789"));
  }

  @Test
  void theKillSwitchExamplesRunUnderTheSandbox() throws Exception {
    List<String> lines = shBlock("## Stop everything that is running");

    List<String> wrong = new ArrayList<>();
    for (String line : lines) {
      Run r = underTheSandbox(line);
      if (r.exit() != ExitCodes.OK) {
        wrong.add(line + ": exit " + r.exit() + "\n" + r.out() + r.err());
      }
    }

    assertEquals(6, lines.size(), String.join("\n", lines));
    assertEquals(List.of(), wrong);
  }

  @Test
  void theSandboxCommandPointsOtherCommandsAtItAsShown() throws Exception {
    List<String> lines = shBlock("`./cancelkit sandbox [--port N]`");
    assertTrue(lines.get(0).startsWith("./cancelkit sandbox > /tmp/sandbox.env &"), lines.get(0));
    assertTrue(lines.get(1).startsWith("eval "), lines.get(1));
    CliProcess sandbox =
        CliProcess.start(dir, CliProcess.command(args(lines.get(0))), Map.of(), null);
    try {
      Map<String, String> env = exports(sandbox);
      List<Run> runs = new ArrayList<>();
      for (String line : lines.subList(2, lines.size())) {
        runs.add(CliProcess.start(dir, CliProcess.command(args(line)), env, null).finish(120));
      }

      assertEquals(3, runs.size(), String.join("\n", lines));
      runs.forEach(r -> assertEquals(ExitCodes.OK, r.exit(), r.out() + r.err()));
      assertTrue(runs.get(0).out().contains("CANCELLING"), runs.get(0).out());
      assertTrue(runs.get(1).out().contains("CANCELLING"), runs.get(1).out()); // the state was kept
      assertTrue(runs.get(2).out().contains("batch_abc123"), runs.get(2).out());
    } finally {
      sandbox.signal("INT");
    }
    Run stopped = sandbox.finish(30);
    assertEquals(130, stopped.exit(), stopped.err()); // Ctrl-C, as any command
  }

  private Run underTheSandbox(String line) throws Exception {
    List<String> args = new ArrayList<>(List.of(args(line)));
    if (!args.contains("--sandbox")) {
      args.add(0, "--sandbox");
    }
    return CliProcess.start(dir, CliProcess.command(args.toArray(String[]::new)), Map.of(), null)
        .finish(120);
  }

  /** The words of {@code ./cancelkit ARGS... # comment}, without the program and the comment. */
  private static String[] args(String line) {
    String command = line.replaceAll("\\s+#.*$", "").replaceAll("\\s*[>&].*$", "");
    List<String> words = Arrays.asList(command.trim().split("\\s+"));
    assertEquals("./cancelkit", words.get(0), line);
    return words.subList(1, words.size()).toArray(String[]::new);
  }

  /** The lines of the first {@code sh} block after the line that starts with {@code heading}. */
  private static List<String> shBlock(String heading) throws Exception {
    List<String> readme = Files.readAllLines(README);
    int at = 0;
    while (!readme.get(at).startsWith(heading)) {
      at++;
    }
    while (!readme.get(at).equals("```sh")) {
      at++;
    }
    List<String> block = new ArrayList<>();
    for (at++; !readme.get(at).equals("```"); at++) {
      block.add(readme.get(at));
    }
    assertFalse(block.isEmpty(), heading);
    return block;
  }

  /** Reads the sandbox's three {@code export A=B C=D} lines as an environment. */
  private static Map<String, String> exports(CliProcess sandbox) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    Map<String, String> env = new HashMap<>();
    while (env.size() < 6) {
      assertTrue(System.nanoTime() < deadline && sandbox.process.isAlive(), "sandbox: no exports");
      env.clear();
      for (String line : sandbox.outSoFar().split("\n")) {
        if (line.startsWith("export ") && line.endsWith("_API_KEY=" + Sandbox.API_KEY)) {
          for (String pair : line.substring("export ".length()).split(" ")) {
            String[] kv = pair.split("=", 2);
            env.put(kv[0], kv[1]);
          }
        }
      }
      Thread.sleep(50);
    }
    return env;
  }
}
