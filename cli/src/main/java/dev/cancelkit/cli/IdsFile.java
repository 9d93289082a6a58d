package dev.cancelkit.cli;

import dev.cancelkit.common.internal.text.SafeText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
 * blanks inside, a control or invisible character (NUL included), or that the provider would
 * refuse, is invalid and named by its line number. A file that is not UTF-8, or has a line longer
 * than {@link #MAX_LINE_BYTES}, is refused at that line.
 */
final class IdsFile {
  /** How many invalid lines a message names. */
  static final int NAMED = 20;

  /** A line that is not a valid id. */
  record Invalid(String unit, long line, String text, String reason) {
    @Override
    public String toString() {
      return unit
          + " "
          + line
          + ": '"
          + SafeText.escape(SafeText.cut(text))
          + "': "
          + SafeText.escape(reason);
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
   * The longest line read, in bytes: no provider accepts an id over 256 characters, and those are
   * at most 4 bytes each in UTF-8. A longer line is invalid and read no further.
   */
  static final int MAX_LINE_BYTES = 1024;

  /**
   * Reads {@code source} (a path, or {@code -} for standard input), checking each id with {@code
   * check}, which throws {@link IllegalArgumentException} for an id the provider would refuse.
   * Memory stays flat whatever the file holds: no line is kept past {@link #MAX_LINE_BYTES}.
   *
   * @throws UncheckedIOException if the file cannot be read, or is not UTF-8 (naming the first line
   *     that is not): its ids are never sent re-encoded
   */
  static Parsed read(String source, InputStream stdin, Consumer<String> check) {
    try (InputStream in = source.equals("-") ? stdin : Files.newInputStream(Path.of(source))) {
      return parse(lines(new Utf8Lines(in, MAX_LINE_BYTES), name(source)), "line", check);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + name(source) + ": " + FileErrors.reason(e, "no such file"), e);
    } catch (Refused e) {
      throw e;
    } catch (UncheckedIOException e) { // a read of the stream failed
      throw new UncheckedIOException(
          "cannot read " + name(source) + ": " + FileErrors.reason(e.getCause(), "no such file"),
          e.getCause());
    }
  }

  /**
   * The lines as text: a line that is not UTF-8, or longer than {@link #MAX_LINE_BYTES} (a binary,
   * {@code /dev/zero}, a file without line breaks), refuses the whole file there, read no further.
   */
  private static Iterator<String> lines(Utf8Lines lines, String name) {
    return new Iterator<>() {
      private Utf8Lines.Line next;
      private boolean ended;

      @Override
      public boolean hasNext() {
        if (next == null && !ended) {
          try {
            next = lines.next();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          ended = next == null;
          if (next != null && next.text() == null) {
            throw new Refused(refusal(name, next));
          }
        }
        return next != null;
      }

      @Override
      public String next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        String text = next.text();
        next = null;
        return text;
      }
    };
  }

  /** A file refused at one of its lines (not UTF-8, or too long a line): nothing is sent. */
  private static final class Refused extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message, new IOException(message));
    }
  }

  private static String refusal(String name, Utf8Lines.Line line) {
    if (line.tooLong()) {
      return "cannot read "
          + name
          + ": line "
          + line.number()
          + " is longer than "
          + MAX_LINE_BYTES
          + " bytes, and no provider's ids are over 256 characters: not a file of ids? It was"
          + " read no further; nothing was sent";
    }
    byte[] b = line.start();
    boolean utf16 =
        line.number() == 1
            && b.length >= 2
            && ((b[0] == (byte) 0xFF && b[1] == (byte) 0xFE)
                || (b[0] == (byte) 0xFE && b[1] == (byte) 0xFF));
    return "cannot read "
        + name
        + ": line "
        + line.number()
        + " is not UTF-8"
        + (utf16 ? " (it starts with a UTF-16 byte-order mark)" : "")
        + "; nothing was sent. Convert the file to UTF-8 (for example with iconv)";
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
      String reason = unprintable(id);
      if (reason == null) {
        reason = blankInside(id) ? "blanks inside an id" : refusal(check, id);
      }
      if (reason != null) {
        invalid.add(new Invalid(unit, number, id, reason));
      } else if (!ids.add(id)) {
        duplicates++;
      }
    }
    return new Parsed(new ArrayList<>(ids), duplicates, invalid);
  }

  /** Why {@code id} cannot be an id because of a control or invisible character; null if none. */
  private static String unprintable(String id) {
    for (int i = 0; i < id.length(); ) {
      int c = id.codePointAt(i);
      if (SafeText.isHidden(c)) {
        return String.format(
            "%s character (U+%04X) at column %d",
            c < 0xa0 && SafeText.isControl((char) c) ? "a control" : "an invisible", c, i + 1);
      }
      i += Character.charCount(c);
    }
    return null;
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
