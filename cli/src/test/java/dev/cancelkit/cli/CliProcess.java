package dev.cancelkit.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The built {@code cancelkit.jar} as a child process, its output in files under a directory. */
final class CliProcess {
  /** What a run printed and how it ended. */
  record Run(int exit, String out, String err) {}

  final Process process;
  private final File out;
  private final File err;

  private CliProcess(Process process, File out, File err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /** {@code java -jar cancelkit.jar ARGS}. */
  static List<String> command(String... args) {
    List<String> command = new ArrayList<>(List.of(java(), "-jar", jar()));
    command.addAll(List.of(args));
    return command;
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static String jar() {
    return System.getProperty("cancelkit.jar");
  }

  /**
   * Starts {@code command} in {@code dir} with only {@code env}'s provider variables, writing
   * {@code stdin} (if any) and closing it.
   */
  static CliProcess start(Path dir, List<String> command, Map<String, String> env, String stdin)
      throws IOException {
    CliProcess p = startTyping(dir, command, env);
    if (stdin != null) {
      p.type(stdin);
    }
    p.process.getOutputStream().close();
    return p;
  }

  /**
   * Starts {@code command} as {@link #start} does, its standard input left open for {@link #type}.
   */
  static CliProcess startTyping(Path dir, List<String> command, Map<String, String> env)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment()
        .keySet()
        .removeIf(
            k -> k.endsWith("_API_KEY") || k.endsWith("_BASE_URL") || k.startsWith("CANCELKIT"));
    pb.environment().putAll(env);
    File out = dir.resolve("out-" + System.nanoTime()).toFile();
    File err = dir.resolve("err-" + System.nanoTime()).toFile();
    pb.redirectOutput(out).redirectError(err);
    return new CliProcess(pb.start(), out, err);
  }

  /** Writes {@code text} to the process's standard input at once. */
  void type(String text) throws IOException {
    process.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().flush();
  }

  /** Waits (at most {@code seconds}) until standard output holds {@code text}. */
  void awaitOutput(String text, long seconds) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!outSoFar().contains(text)) {
      assertTrue(
          System.nanoTime() < end && process.isAlive(), "no '" + text + "' in " + outSoFar());
      Thread.sleep(20);
    }
  }

  /** Sends a signal (INT, TERM) to the process, as a terminal or a supervisor would. */
  void signal(String name) throws Exception {
    signal(process.pid(), name);
  }

  static void signal(long pid, String name) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).start();
    assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + name);
  }

  /** What the process has printed on standard output so far. */
  String outSoFar() throws IOException {
    return Files.readString(out.toPath());
  }

  /** Waits for the process to end (at most {@code seconds}) and reads what it printed. */
  Run finish(long seconds) throws Exception {
    assertTrue(process.waitFor(seconds, TimeUnit.SECONDS), "cancelkit did not finish");
    return new Run(
        process.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
  }
}
