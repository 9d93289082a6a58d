package dev.cancelkit.cli;

import dev.cancelkit.common.CancelOutcome;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Shows a bulk cancel as it goes: a live bar on a terminal (redrawn at most ten times a second), or
 * one plain line per finished id when the output is piped. Called from many threads.
 */
final class Progress implements Consumer<CancelOutcome<?>> {
  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 100_000_000L;

  private final Output output;
  private final int total;
  private final boolean terminal;
  private final Map<String, Integer> counts = new TreeMap<>();
  private int done;
  private long lastDraw;

  Progress(Output output, int total, boolean terminal) {
    this.output = output;
    this.total = total;
    this.terminal = terminal;
  }

  @Override
  public synchronized void accept(CancelOutcome<?> outcome) {
    done++;
    counts.merge(Output.label(outcome), 1, Integer::sum);
    if (output.json) {
      return;
    }
    if (!terminal) {
      output.outcomeLine(outcome);
      return;
    }
    long now = System.nanoTime();
    if (done == total || now - lastDraw >= REDRAW_NANOS) {
      lastDraw = now;
      int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
      output.err.print(
          "\r["
              + "#".repeat(filled)
              + ".".repeat(WIDTH - filled)
              + "] "
              + done
              + "/"
              + total
              + "  "
              + counts.toString().replace("{", "").replace("}", "").replace("=", " "));
      if (done == total) {
        output.err.println();
      }
      output.err.flush();
    }
  }
}
