package dev.cancelkit.cli;

import dev.cancelkit.common.internal.SafeText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * The ids of an {@code --ids-file}: one a line, blanks around it trimmed; empty lines, lines whose
 * first non-blank character is {@code #} and a UTF-8 byte-order mark are skipped. A line with
 * blanks inside, or that the provider would refuse, is invalid and named by its line number.
 */
final class IdsFile {
  /** How many invalid lines a message names. */
  static final int NAMED = 20;

  /** A line that is not a valid id. */
  record Invalid(String unit, long line, String text, String reason) {
    @Override
    public String toString() {
      return unit + " " + line + ": '" + SafeText.escape(text) + "': " + SafeText.escape(reason);
    }
  }

  /** The distinct ids in order of first appearance, and what was wrong with the rest. */
  record Parsed(List<String> ids, long duplicates, List<Invalid> invalid) {}

  private IdsFile() {}

  /** The name of {@code source} in messages. */
  static String name(String source) {
    return source.equals("-") ? "standard input" : source;
  }

  /**
   * Reads {@code source} (a path, or {@code -} for standard input), checking each id with {@code
   * check}, which throws {@link IllegalArgumentException} for an id the provider would refuse.
   */
  static Parsed read(String source, InputStream stdin, Consumer<String> check) {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                source.equals("-") ? stdin : Files.newInputStream(Path.of(source)),
                StandardCharsets.UTF_8))) {
      return parse(in, check);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + name(source) + ": " + FileErrors.reason(e, "no such file"), e);
    }
  }

  static Parsed parse(BufferedReader in, Consumer<String> check) throws IOException {
    try {
      return parse(in.lines().iterator(), "line", check);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** The ids given as arguments, by the same rules (numbered as arguments). */
  static Parsed arguments(List<String> ids, Consumer<String> check) {
    return parse(ids.iterator(), "id", check);
  }

  private static Parsed parse(Iterator<String> lines, String unit, Consumer<String> check) {
    LinkedHashSet<String> ids = new LinkedHashSet<>();
    List<Invalid> invalid = new ArrayList<>();
    long duplicates = 0;
    long number = 0;
    while (lines.hasNext()) {
      String line = lines.next();
      number++;
      if (number == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      String id = line.strip();
      if (id.isEmpty() || id.startsWith("#")) {
        continue;
      }
      String reason = blankInside(id) ? "blanks inside an id" : refusal(check, id);
      if (reason != null) {
        invalid.add(new Invalid(unit, number, id, reason));
      } else if (!ids.add(id)) {
        duplicates++;
      }
    }
    return new Parsed(new ArrayList<>(ids), duplicates, invalid);
  }

  /** The message naming the first {@link #NAMED} invalid lines of {@code source}. */
  static String describe(String source, List<Invalid> invalid) {
    StringBuilder s =
        new StringBuilder(name(source))
            .append(": ")
            .append(invalid.size())
            .append(invalid.size() == 1 ? " line is not a valid id" : " lines are not valid ids");
    for (Invalid i : invalid.subList(0, Math.min(NAMED, invalid.size()))) {
      s.append(System.lineSeparator()).append("  ").append(i);
    }
    if (invalid.size() > NAMED) {
      s.append(System.lineSeparator())
          .append("  ... and ")
          .append(invalid.size() - NAMED)
          .append(" more");
    }
    return s.toString();
  }

  private static boolean blankInside(String id) {
    return id.codePoints().anyMatch(Character::isWhitespace);
  }

  private static String refusal(Consumer<String> check, String id) {
    try {
      check.accept(id);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }
}
