package dev.cancelkit.cli;

import com.squareup.moshi.JsonAdapter;
import dev.cancelkit.common.CancelOutcome;
import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.internal.client.Origin;
import dev.cancelkit.common.json.JsonSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --journal FILE}: one JSON line per finished id, appended and flushed as it finishes, each
 * naming where it was sent (the target, the base URL, a fingerprint of the key). Read back, the ids
 * it records as CANCELLED or NOT_CANCELLABLE for the same target, base URL and key are done; every
 * other line is counted and named by number.
 */
final class Journal implements AutoCloseable {
  private static final JsonAdapter<Object> LINE = JsonSupport.moshi().adapter(Object.class);

  /** A line longer than this is not an entry (entries are a few hundred bytes, errors 8 KiB). */
  private static final int MAX_LINE_BYTES = 1 << 20;

  /** How many line numbers a message names. */
  private static final int NAMED = 10;

  private final Path path;
  private final String target;
  private final Origin origin;
  private final OutputStream out;
  private final Runnable stop;
  private IOException failure;

  private Journal(Path path, String target, Origin origin, OutputStream out, Runnable stop) {
    this.path = path;
    this.target = target;
    this.origin = origin;
    this.out = out;
    this.stop = stop;
  }

  /**
   * Opens {@code path} for appending (creating it) and writes the run's first line, so that a
   * journal that cannot be written is found out before anything is sent. A last line cut short by a
   * killed run is ended first, so no record is glued to it.
   *
   * @param stop what stops the run if a later write fails (nothing more is sent)
   * @throws UncheckedIOException if the journal cannot be written: a directory, an unwritable path,
   *     a full disk
   */
  static Journal open(Path path, String target, Origin origin, Runnable stop) {
    OutputStream out = null;
    try {
      if (Files.isDirectory(path)) {
        throw new IOException("Is a directory");
      }
      boolean cut = endsMidLine(path);
      out = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      Journal journal = new Journal(path, target, origin, out, stop);
      Map<String, Object> start = journal.where();
      start.put("run", "started");
      start.put("at", Instant.now().toString());
      out.write(((cut ? "\n" : "") + LINE.toJson(start) + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      return journal;
    } catch (IOException e) {
      if (out != null) {
        try {
          out.close();
        } catch (IOException ignored) {
          // the first failure is the one to report
        }
      }
      throw new UncheckedIOException(
          "cannot write the journal "
              + path
              + ": "
              + FileErrors.reason(e, "no such directory")
              + "; nothing was sent",
          e);
    }
  }

  /** Whether the file's last byte is not a line's end (a run killed mid-write). */
  private static boolean endsMidLine(Path path) throws IOException {
    if (!Files.isRegularFile(path)) {
      return false;
    }
    try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "r")) {
      long length = f.length();
      if (length == 0) {
        return false;
      }
      f.seek(length - 1);
      return f.read() != '\n';
    }
  }

  private Map<String, Object> where() {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("target", target);
    o.put("baseUrl", origin.baseUrl());
    o.put("key", origin.keyFingerprint());
    return o;
  }

  /**
   * What an earlier run recorded in a journal.
   *
   * @param done the ids recorded as CANCELLED or NOT_CANCELLABLE for this target, base URL and key
   * @param foreign lines of entries sent elsewhere: another target, base URL or key
   * @param notEntries lines that are no entry: not JSON, cut short, not UTF-8
   */
  record Read(Set<String> done, List<Long> foreign, List<Long> notEntries) {
    /** What the user is told of lines that did not count, or null if every line counted. */
    String warning(Path path) {
      List<String> parts = new ArrayList<>();
      if (!foreign.isEmpty()) {
        parts.add(
            count(foreign, "entry", "entries")
                + " of another target, base URL or key, which do not count as done: "
                + lines(foreign));
      }
      if (!notEntries.isEmpty()) {
        parts.add(
            count(notEntries, "line that is not an entry", "lines that are not entries")
                + " (not JSON, cut short or not UTF-8): "
                + lines(notEntries));
      }
      return parts.isEmpty() ? null : "the journal " + path + " has " + String.join("; ", parts);
    }

    private static String count(List<Long> lines, String one, String many) {
      return lines.size() + " " + (lines.size() == 1 ? one : many);
    }

    private static String lines(List<Long> numbers) {
      StringBuilder s = new StringBuilder(numbers.size() == 1 ? "line " : "lines ");
      for (int i = 0; i < Math.min(NAMED, numbers.size()); i++) {
        s.append(i == 0 ? "" : ", ").append(numbers.get(i));
      }
      if (numbers.size() > NAMED) {
        s.append(" and ").append(numbers.size() - NAMED).append(" more");
      }
      return s.toString();
    }
  }

  /**
   * Reads {@code path}; nothing if there is no such file. One bad line never makes the rest
   * unreadable.
   */
  static Read read(Path path, String target, Origin origin) {
    if (Files.exists(path) && !Files.isRegularFile(path)) { // a directory, /dev/full, a pipe
      throw new UncheckedIOException(
          "cannot use the journal "
              + path
              + ": "
              + (Files.isDirectory(path) ? "it is a directory" : "it is not a regular file")
              + "; nothing was sent",
          new IOException("not a regular file"));
    }
    Set<String> done = new HashSet<>();
    List<Long> foreign = new ArrayList<>();
    List<Long> bad = new ArrayList<>();
    try (InputStream in = Files.newInputStream(path)) {
      Utf8Lines lines = new Utf8Lines(in, MAX_LINE_BYTES);
      for (Utf8Lines.Line line = lines.next(); line != null; line = lines.next()) {
        if (line.text() == null) {
          bad.add(line.number());
          continue;
        }
        if (line.text().isBlank()) {
          continue;
        }
        Object value;
        try {
          value = LINE.fromJson(line.text());
        } catch (IOException | RuntimeException e) { // not JSON, or cut short
          bad.add(line.number());
          continue;
        }
        if (!(value instanceof Map<?, ?> m)) {
          bad.add(line.number());
          continue;
        }
        boolean here =
            target.equals(m.get("target"))
                && origin.baseUrl().equals(m.get("baseUrl"))
                && origin.keyFingerprint().equals(m.get("key"));
        if (m.containsKey("run")) {
          continue; // the first line of a run
        }
        if (!(m.get("id") instanceof String id)) {
          bad.add(line.number());
        } else if (!here) {
          foreign.add(line.number());
        } else if ("CANCELLED".equals(m.get("state")) || "NOT_CANCELLABLE".equals(m.get("state"))) {
          done.add(id);
        }
      }
    } catch (NoSuchFileException e) {
      return new Read(done, foreign, bad);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the journal " + path + ": " + FileErrors.reason(e, "no such file"), e);
    }
    return new Read(done, foreign, bad);
  }

  /**
   * Appends one finished id, flushed at once. A write that fails stops the run: nothing more is
   * sent, and the record says why.
   */
  synchronized void record(CancelOutcome<?> outcome) {
    if (failure != null) {
      return;
    }
    Map<String, Object> o = where();
    o.put("id", outcome.jobId());
    if (outcome.result().isPresent()) {
      CancelResult<?> r = outcome.result().get();
      o.put("state", r.state().name());
      o.put("providerStatus", r.providerStatus());
      o.put("httpStatus", r.httpStatus());
    } else {
      o.put("error", Output.errorJson(outcome.error().orElseThrow()));
    }
    o.put("at", Instant.now().toString());
    try {
      out.write((LINE.toJson(o) + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      failure = e;
      stop.run();
    }
  }

  /** Why the journal stopped being written, if it did (a full disk...). */
  synchronized String failure() {
    return failure == null
        ? null
        : "could not write the journal "
            + path
            + ": "
            + FileErrors.reason(failure, "no such directory")
            + "; the run was stopped there";
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      if (failure == null) {
        failure = e;
      }
    }
  }
}
