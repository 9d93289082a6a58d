package dev.cancelkit.cli;

import com.squareup.moshi.JsonAdapter;
import dev.cancelkit.common.CancelOutcome;
import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.CancelState;
import dev.cancelkit.common.internal.text.SafeText;
import dev.cancelkit.common.json.JsonSupport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The record of a bulk run, written as each id finishes (from many threads): the journal line; on a
 * terminal a live bar, then the counts and the ids that did not end CANCELLED or CANCELLING; in a
 * pipe one escaped line per job ({@code id<TAB>state<TAB>status}), the counts on stderr; with
 * {@code --json} one document whose outcomes are streamed, closed at the end even when interrupted.
 */
final class BulkOutput implements Consumer<CancelOutcome<?>> {
  /** How many ids of each group a terminal is shown at the end. */
  static final int SHOWN = 500;

  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 100_000_000L;
  private static final JsonAdapter<Object> COMPACT = JsonSupport.moshi().adapter(Object.class);

  private final Output output;
  private final String what;
  private final int total;
  private final boolean terminal;
  private final Journal journal;
  private final Map<String, Integer> counts = new TreeMap<>();
  private final List<String> notCancelled = new ArrayList<>();
  private int notCancelledCount;
  private int exit = ExitCodes.OK;
  private int done;
  private long lastDraw;
  private boolean first = true;
  private boolean finished;

  BulkOutput(Output output, String what, int total, boolean terminal, Journal journal) {
    this.output = output;
    this.what = what;
    this.total = total;
    this.terminal = terminal;
    this.journal = journal;
  }

  /** Opens the JSON document (the outcomes follow as they finish). */
  synchronized void start(Map<String, Object> head) {
    if (output.json) {
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("operation", what);
      h.putAll(head);
      String json = COMPACT.toJson(h);
      output.out.print(json.substring(0, json.length() - 1)); // without its closing brace
      output.out.print(h.isEmpty() ? "\"outcomes\": [" : ", \"outcomes\": [");
      output.out.flush();
    }
  }

  @Override
  public synchronized void accept(CancelOutcome<?> outcome) {
    if (finished) {
      return;
    }
    done++;
    String label = Output.label(outcome);
    counts.merge(label, 1, Integer::sum);
    int code =
        outcome.result().map(ExitCodes::of).orElseGet(() -> ExitCodes.of(outcome.error().get()));
    exit = ExitCodes.worst(exit, code);
    if (journal != null) {
      journal.record(outcome);
    }
    String status = status(outcome);
    if (!isCancelled(outcome)) {
      notCancelledCount++;
      if (notCancelled.size() < SHOWN) {
        notCancelled.add(SafeText.escape(outcome.jobId()) + "  " + label + "  " + status);
      }
    }
    if (output.json) {
      output.out.print(
          (first ? "\n    " : ",\n    ") + COMPACT.toJson(Output.outcomeJson(what, outcome)));
      output.out.flush();
      first = false;
    } else if (!terminal) {
      output.out.println(field(outcome.jobId()) + "\t" + label + "\t" + field(status));
    } else {
      draw(false);
    }
  }

  /**
   * Ends the record: the JSON document's tail, or the counts and the ids not cancelled; {@code
   * unsent} and {@code unknown} are the ids an interrupt left.
   */
  synchronized void finish(List<String> unsent, List<String> unknown, Map<String, Object> tail) {
    finished = true;
    boolean interrupted = Signals.received() || !unsent.isEmpty() || !unknown.isEmpty();
    if (!unsent.isEmpty() || !unknown.isEmpty()) {
      exit = ExitCodes.worst(exit, ExitCodes.FAILED);
    }
    if (journal != null) {
      journal.close();
      String failure = journal.failure();
      if (failure != null) {
        output.err.println("cancelkit: " + failure);
        exit = ExitCodes.worst(exit, ExitCodes.FAILED);
      }
    }
    if (output.json) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("summary", summary(unsent, unknown));
      t.put("interrupted", interrupted);
      t.put("unsent", unsent);
      t.put("unknown", unknown);
      t.putAll(tail);
      String json = COMPACT.toJson(t);
      output.out.println((first ? "]," : "\n  ],") + " " + json.substring(1));
      output.out.flush();
      return;
    }
    if (terminal) {
      draw(true);
    } else {
      for (String id : unsent) {
        output.out.println(field(id) + "\tUNSENT\tnot sent (interrupted)");
      }
      for (String id : unknown) {
        output.out.println(field(id) + "\tUNKNOWN\tsent, the answer was not read (interrupted)");
      }
    }
    var to = terminal ? output.out : output.err; // a pipe's standard output holds only job lines
    to.println();
    if (interrupted) {
      to.println(
          what + ": interrupted after " + done + " of " + total + " jobs; nothing more was sent");
    } else {
      to.println(what + ": " + total + (total == 1 ? " job" : " jobs"));
    }
    for (Map.Entry<String, Object> e : summary(unsent, unknown).entrySet()) {
      to.printf("  %-28s %7d%n", e.getKey(), e.getValue());
    }
    if (terminal) {
      list(to, "not cancelled", notCancelled, notCancelledCount);
      list(to, "not sent (interrupted)", escaped(unsent), unsent.size());
      list(to, "sent, state unknown (interrupted)", escaped(unknown), unknown.size());
    }
  }

  /** Ends the live bar (a terminal only), when the caller prints its own record. */
  synchronized void endBar() {
    finished = true;
    if (terminal && total > 0) {
      draw(true);
    }
  }

  /** The exit status the outcomes (and an interrupt) call for. */
  synchronized int exitStatus() {
    return exit;
  }

  private Map<String, Object> summary(List<String> unsent, List<String> unknown) {
    Map<String, Object> s = new LinkedHashMap<>(counts);
    if (!unsent.isEmpty()) {
      s.put("UNSENT", unsent.size());
    }
    if (!unknown.isEmpty()) {
      s.put("UNKNOWN (interrupted)", unknown.size());
    }
    return s;
  }

  private void list(java.io.PrintStream to, String heading, List<String> shown, int count) {
    if (count == 0) {
      return;
    }
    to.println(heading + " (" + count + "):");
    for (int i = 0; i < Math.min(shown.size(), SHOWN); i++) {
      to.println("  " + shown.get(i));
    }
    if (count > SHOWN) {
      to.println("  ... and " + (count - SHOWN) + " more (--json or a pipe lists every id)");
    }
  }

  private void draw(boolean last) {
    long now = System.nanoTime();
    if (!last && done != total && now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
    StringBuilder s = new StringBuilder("\r[");
    s.append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
    s.append(done).append('/').append(total);
    counts.forEach((k, v) -> s.append("  ").append(k).append(' ').append(v));
    output.err.print(s);
    if (last) {
      output.err.println();
    }
    output.err.flush();
  }

  private static boolean isCancelled(CancelOutcome<?> o) {
    return o.result()
        .map(CancelResult::state)
        .map(s -> s == CancelState.CANCELLED || s == CancelState.CANCELLING)
        .orElse(false);
  }

  private static String status(CancelOutcome<?> o) {
    return o.result()
        .map(r -> String.valueOf(r.providerStatus()))
        .orElseGet(() -> String.valueOf(o.error().get().getMessage()));
  }

  private static List<String> escaped(List<String> ids) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < Math.min(ids.size(), SHOWN); i++) {
      out.add(SafeText.escape(ids.get(i)));
    }
    return out;
  }

  /**
   * One field of a pipe line: a backslash doubled, then every control character escaped, so a line
   * is exactly one job.
   */
  static String field(String text) {
    return SafeText.escape(text.replace("\\", "\\\\"));
  }
}
