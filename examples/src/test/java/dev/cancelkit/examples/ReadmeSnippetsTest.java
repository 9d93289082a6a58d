package dev.cancelkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cancelkit.testkit.Sandbox;
import java.io.File;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java snippets, read from the README, compiled, and run where they can run. */
class ReadmeSnippetsTest {
  private static final Path README = Path.of("..", "README.md");

  /** What the README's fragments take as given: the clients and a reader's own objects. */
  private static final String GIVEN =
      "TogetherClient together, CerebrasClient cerebras, ArchetypeClient archetype,"
          + " org.slf4j.Logger log, List<String> ids, Bar bar, Journal journal";

  private static final String IMPORTS =
      String.join(
          "\n",
          "import dev.cancelkit.archetype.ArchetypeClient;",
          "import dev.cancelkit.archetype.model.FineTuneJob;",
          "import dev.cancelkit.cerebras.CerebrasClient;",
          "import dev.cancelkit.cerebras.model.Batch;",
          "import dev.cancelkit.common.BulkOptions;",
          "import dev.cancelkit.common.CancelOutcome;",
          "import dev.cancelkit.common.CancelResult;",
          "import dev.cancelkit.common.JobStatus;",
          "import dev.cancelkit.common.KillSwitch;",
          "import dev.cancelkit.testkit.Sandbox;",
          "import dev.cancelkit.together.TogetherClient;",
          "import dev.cancelkit.together.model.BatchJob;",
          "import java.time.Duration;",
          "import java.util.List;");

  @TempDir Path dir;

  @Test
  void theKillSwitchSnippetCompiles() throws Exception {
    compileFragment("KillSwitchSnippet", javaBlock("## Stop everything that is running", 0));
  }

  @Test
  void theWaitingAndBulkSnippetCompiles() throws Exception {
    compileFragment("WaitingSnippet", javaBlock("## Waiting, bulk cancel, status, stop", 0));
  }

  @Test
  void theSandboxSnippetRunsAsWritten() throws Exception {
    String block = javaBlock("## The sandbox, for your own tests", 0);
    compile(
        "SandboxSnippet",
        IMPORTS
            + "\npublic class SandboxSnippet { public static void run() throws Exception {\n"
            + block
            + "\n}}");

    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      loader.loadClass("SandboxSnippet").getMethod("run").invoke(null);
    }
  }

  /**
   * The Quick start: its own imports only, run in a JVM whose environment points at the sandbox.
   */
  @Test
  void theQuickStartRunsAsWrittenAgainstTheDemoJobs() throws Exception {
    String imports = javaBlock("## Quick start", 0);
    String body = javaBlock("## Quick start", 1);
    compile(
        "QuickStart",
        imports
            + "\npublic class QuickStart { public static void main(String[] args) throws Exception {\n"
            + body
            + "\n}}");

    try (Sandbox sandbox = Sandbox.startWithDemoJobs()) {
      ProcessBuilder pb =
          new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-cp",
              dir + File.pathSeparator + classPath(),
              "QuickStart");
      pb.environment().put("TOGETHER_BASE_URL", sandbox.togetherBaseUrl());
      pb.environment().put("TOGETHER_API_KEY", Sandbox.API_KEY);
      pb.environment().put("CEREBRAS_BASE_URL", sandbox.cerebrasBaseUrl());
      pb.environment().put("CEREBRAS_API_KEY", Sandbox.API_KEY);
      pb.environment().put("ATAI_BASE_URL", sandbox.archetypeBaseUrl());
      pb.environment().put("ATAI_API_KEY", Sandbox.API_KEY);
      pb.redirectErrorStream(true);
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));

      assertEquals(0, p.exitValue(), out);
      // what the snippet's comments say it prints
      assertEquals("CANCELLED CANCELLED\nCANCELLING\nCANCELLED\n", out);
    }
  }

  private void compileFragment(String name, String block) throws Exception {
    compile(
        name,
        IMPORTS
            + "\nclass "
            + name
            + " {\n  interface Bar { void step(); }\n  interface Journal { void write(Object o); }\n"
            + "  void run("
            + GIVEN
            + ") throws Exception {\n"
            + block
            + "\n}}");
  }

  private void compile(String name, String source) throws Exception {
    Path file = dir.resolve(name + ".java");
    Files.writeString(file, source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    boolean ok =
        javac
            .getTask(
                errors,
                null,
                null,
                List.of("-classpath", classPath(), "-d", dir.toString(), "-Xlint:none"),
                null,
                javac
                    .getStandardFileManager(null, null, StandardCharsets.UTF_8)
                    .getJavaFileObjects(file))
            .call();
    assertTrue(ok, "the README's snippet does not compile:\n" + errors + "\n" + source);
  }

  private static String classPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null ? surefire : System.getProperty("java.class.path");
  }

  /** The {@code n}th {@code java} block after the line that starts with {@code heading}. */
  private static String javaBlock(String heading, int n) throws Exception {
    List<String> readme = Files.readAllLines(README);
    int at = 0;
    while (!readme.get(at).startsWith(heading)) {
      at++;
    }
    for (int seen = -1; seen < n; at++) {
      if (readme.get(at).equals("```java")) {
        seen++;
      } else if (readme.get(at).startsWith("## ")
          && at > 0
          && !readme.get(at).startsWith(heading)) {
        throw new AssertionError("no java block " + n + " under " + heading);
      }
    }
    List<String> block = new ArrayList<>();
    for (; !readme.get(at).equals("```"); at++) {
      block.add(readme.get(at));
    }
    return String.join("\n", block);
  }
}
