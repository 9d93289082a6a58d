package dev.cancelkit.common.internal.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cancelkit.common.internal.client.ClientOptions;
import dev.cancelkit.common.internal.client.RetryTimer;
import dev.cancelkit.common.internal.runtime.ClientRuntime;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a test's client in a JVM of its own, with a heap as small as the test says: what it proves
 * about memory then holds for the client alone. An {@link OutOfMemoryError} ends it at once.
 */
final class ChildJvm {
  private ChildJvm() {}

  /**
   * Runs {@code main} with {@code args} and a heap of {@code maxHeap} (such as {@code 256m}); fails
   * unless it exits 0 within three minutes. Returns what it printed.
   */
  static String run(String maxHeap, Class<?> main, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-Xmx" + maxHeap,
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
    command.addAll(List.of(args));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    boolean ended = child.waitFor(180, TimeUnit.SECONDS);
    if (!ended) {
      child.destroyForcibly();
    }
    String text = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(ended, "still running after 180 s: " + text);
    assertEquals(0, child.exitValue(), text);
    return text;
  }

  /** A {@code testprov} client at {@code baseUrl}, as the child's main builds it. */
  static CancelOperation<TestJob> client(String baseUrl, int maxConcurrentRequests) {
    ClientRuntime runtime =
        ClientRuntime.create(
            TestServer.PROVIDER,
            new ClientOptions(
                TestServer.KEY,
                baseUrl,
                Duration.ofSeconds(120),
                null,
                0,
                maxConcurrentRequests,
                null,
                false,
                name -> null,
                Clock.systemUTC(),
                RetryTimer.SYSTEM,
                false,
                null));
    TestApi api = runtime.service(TestApi.class);
    return CancelOperation.builder(runtime, TestJob.class)
        .cancel(api::cancel)
        .read(api::get)
        .list(ListSpec.unpaged(api::list, null))
        .states(TestServer.STATES)
        .build();
  }
}
