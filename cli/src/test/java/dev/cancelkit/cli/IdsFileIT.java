package dev.cancelkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cancelkit.cli.CliProcess.Run;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ids files of every odd shape, through the built jar: a line no id fits in, control characters,
 * files that are not UTF-8. Each is refused naming its line, exit 2, and nothing reaches the
 * provider (a loopback server that counts requests).
 */
class IdsFileIT {
  @TempDir Path dir;
  private final MockWebServer provider = new MockWebServer();

  @BeforeEach
  void start() throws IOException {
    provider.start();
  }

  @AfterEach
  void stop() throws IOException {
    provider.shutdown();
  }

  private Run cancel(Path file, String... javaOptions) throws Exception {
    List<String> command = new ArrayList<>(List.of(CliProcess.java()));
    command.addAll(Arrays.asList(javaOptions));
    command.addAll(
        List.of(
            "-jar",
            CliProcess.jar(),
            "together",
            "batch",
            "cancel",
            "--ids-file",
            file.toString()));
    Map<String, String> env =
        Map.of(
            "TOGETHER_API_KEY",
            "sk-ids-file-test-0123",
            "TOGETHER_BASE_URL",
            provider.url("/v1").toString());
    return CliProcess.start(dir, command, env, null).finish(120);
  }

  private Path file(byte[] bytes) throws IOException {
    return Files.write(dir.resolve("ids-" + System.nanoTime() + ".txt"), bytes);
  }

  @Test
  void aHundredMegabyteLineIsRefusedAtItsLineInASmallHeap() throws Exception {
    Path file = dir.resolve("huge.txt");
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write("batch_ok_1\n".getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = new byte[1 << 20];
      Arrays.fill(chunk, (byte) 'x');
      for (int i = 0; i < 100; i++) {
        out.write(chunk);
      }
    }

    Run r = cancel(file, "-Xmx64m");

    assertEquals(2, r.exit(), r.err());
    assertEquals(
        "cancelkit: cannot read "
            + file
            + ": line 2 is longer than 1024 bytes, and no provider's ids are over 256 characters:"
            + " not a file of ids? It was read no further; nothing was sent\n",
        r.err());
    assertEquals("", r.out());
    assertEquals(0, provider.getRequestCount());
  }

  @Test
  void devZeroIsRefusedAtOnce() throws Exception {
    Path zero = Path.of("/dev/zero");
    if (!Files.isReadable(zero)) {
      return; // not on this system
    }
    Run r = cancel(zero, "-Xmx64m");

    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("line 1 is longer than 1024 bytes"), r.err());
    assertEquals(0, provider.getRequestCount());
  }

  @Test
  void controlCharactersAndInvisibleOnesMakeALineInvalid() throws Exception {
    Path file =
        file(
            ("batch_ok_1\n"
                    + "a\u0000b\n"
                    + "\u0000\n"
                    + "tb_\u202Eexe\n"
                    + "tb\u001b[2Jx\n"
                    + "x".repeat(300)
                    + "\n")
                .getBytes(StandardCharsets.UTF_8));

    Run r = cancel(file);

    assertEquals(2, r.exit(), r.err());
    assertEquals(
        "cancelkit: "
            + file
            + ": 5 lines are not valid ids\n"
            + "  line 2: 'a\\u0000b': a control character (U+0000) at column 2\n"
            + "  line 3: '\\u0000': a control character (U+0000) at column 1\n"
            + "  line 4: 'tb_\\u202eexe': an invisible character (U+202E) at column 4\n"
            + "  line 5: 'tb\\u001b[2Jx': a control character (U+001B) at column 3\n"
            + "  line 6: '"
            + "x".repeat(200)
            + "...(300 characters)': together job ids are 1-256 characters; '"
            + "x".repeat(200)
            + "...(300 characters)' has 300\n"
            + "nothing was sent (--skip-invalid cancels the rest)\n",
        r.err());
    assertEquals(0, provider.getRequestCount());
  }

  @Test
  void aLatin1FileIsRefusedNamingItsFirstBadLine() throws Exception {
    Path file = file("batch_ok_1\ntb_caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

    Run r = cancel(file);

    assertEquals(2, r.exit(), r.err());
    assertEquals(
        "cancelkit: cannot read "
            + file
            + ": line 2 is not UTF-8; nothing was sent. Convert the file to UTF-8 (for example"
            + " with iconv)\n",
        r.err());
    assertEquals(0, provider.getRequestCount());
  }

  @Test
  void aUtf16FileIsRefusedAndSaysSo() throws Exception {
    Path file = file("batch_ok_1\nbatch_ok_2\n".getBytes(StandardCharsets.UTF_16LE));
    byte[] withBom = new byte[(int) Files.size(file) + 2];
    withBom[0] = (byte) 0xFF;
    withBom[1] = (byte) 0xFE;
    System.arraycopy(Files.readAllBytes(file), 0, withBom, 2, withBom.length - 2);
    Files.write(file, withBom);

    Run r = cancel(file);

    assertEquals(2, r.exit(), r.err());
    assertTrue(
        r.err().contains(": line 1 is not UTF-8 (it starts with a UTF-16 byte-order mark)"),
        r.err());
    assertEquals(0, provider.getRequestCount());
  }

  @Test
  void aUtf16FileWithoutAMarkHasNulsOnEveryLineAndSendsNothing() throws Exception {
    Path file = file("batch_ok_1\nbatch_ok_2\n".getBytes(StandardCharsets.UTF_16LE));

    Run r = cancel(file);

    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("a control character (U+0000)"), r.err());
    assertEquals(0, provider.getRequestCount());
  }
}
