package dev.cancelkit.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A yes-or-no question on the terminal that only a person who has seen it can answer: what was
 * typed (or pasted) before it was shown is discarded first, then one line is read.
 */
final class Prompt {
  private Prompt() {}

  /** Asks {@code question}; true only for a line {@code y} or {@code yes} typed after it. */
  static boolean yes(String question) {
    discardTypeAhead();
    System.out.print(question);
    System.out.flush();
    try {
      String answer =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      return answer != null
          && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Reads and drops whatever the terminal holds unread. A terminal hands a program only whole
   * lines, so for the moment of the drain it is switched to hand over every byte (stty -icanon, min
   * 0): a half-typed {@code y} goes too. Where stty cannot be run, the whole lines go.
   */
  static void discardTypeAhead() {
    String saved = stty("-g");
    try {
      if (saved != null) {
        stty("-icanon", "min", "0", "time", "0");
      }
      drain(System.in);
    } catch (IOException e) {
      // nothing could be read: nothing typed ahead can be read as the answer either
    } finally {
      if (saved != null) {
        stty(saved.strip());
      }
    }
  }

  private static void drain(InputStream in) throws IOException {
    byte[] sink = new byte[4096];
    for (int n = in.available(); n > 0; n = in.available()) {
      if (in.read(sink, 0, Math.min(n, sink.length)) < 0) {
        return;
      }
    }
  }

  /** Runs stty on the terminal; what it printed, or null if it failed. */
  private static String stty(String... args) {
    List<String> command = new ArrayList<>(List.of("stty"));
    command.addAll(List.of(args));
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectInput(new File("/dev/tty"))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
