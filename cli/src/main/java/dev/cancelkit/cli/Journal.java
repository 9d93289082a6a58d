package dev.cancelkit.cli;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import dev.cancelkit.common.CancelOutcome;
import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.json.JsonSupport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code --journal FILE}: one JSON line per finished id, appended and flushed as it finishes; read
 * back, the ids it records as CANCELLED or NOT_CANCELLABLE for the same kind of job are done.
 */
final class Journal implements AutoCloseable {
  private static final JsonAdapter<Object> LINE = JsonSupport.moshi().adapter(Object.class);

  private final Path path;
  private final String target;
  private final OutputStream out;
  private IOException failure;

  private Journal(Path path, String target, OutputStream out) {
    this.path = path;
    this.target = target;
    this.out = out;
  }

  /** Opens {@code path} for appending (creating it). */
  static Journal open(Path path, String target) {
    try {
      return new Journal(
          path,
          target,
          Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the journal " + path + ": " + FileErrors.reason(e, "no such directory"), e);
    }
  }

  /**
   * The ids an earlier run recorded in {@code path} as CANCELLED or NOT_CANCELLABLE for {@code
   * target}; none if there is no such file. A line cut short (the run was killed) is ignored.
   */
  static Set<String> done(Path path, String target) {
    Set<String> done = new HashSet<>();
    try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        Object value;
        try {
          value = LINE.fromJson(line);
        } catch (JsonEncodingException | JsonDataException | java.io.EOFException e) {
          continue; // a partial last line
        }
        if (value instanceof Map<?, ?> m
            && target.equals(m.get("target"))
            && m.get("id") instanceof String id
            && ("CANCELLED".equals(m.get("state")) || "NOT_CANCELLABLE".equals(m.get("state")))) {
          done.add(id);
        }
      }
    } catch (NoSuchFileException e) {
      return done;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the journal " + path + ": " + FileErrors.reason(e, "no such file"), e);
    }
    return done;
  }

  /** Appends one finished id, flushed at once. */
  synchronized void record(CancelOutcome<?> outcome) {
    if (failure != null) {
      return;
    }
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("target", target);
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
    }
  }

  /** Why the journal stopped being written, if it did (a full disk...). */
  synchronized String failure() {
    return failure == null
        ? null
        : "could not write the journal "
            + path
            + ": "
            + FileErrors.reason(failure, "no such directory");
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
