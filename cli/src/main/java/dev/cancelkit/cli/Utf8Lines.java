package dev.cancelkit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of a file read as strict UTF-8, none held past a bound: memory stays flat whatever the
 * file holds. A line ends at LF (a CR before it stays in the line). A line that is not UTF-8 or is
 * too long is handed on as such, and the next one is read as if nothing had happened; a line that
 * is too long is read no further until {@link #next()} is called again (a caller that stops there
 * never reads the rest of {@code /dev/zero}).
 */
final class Utf8Lines {
  /**
   * One line, numbered from 1: its text, or null if it is not UTF-8 or is too long; then {@code
   * start} holds its first bytes (at most 4), for a message.
   */
  record Line(long number, String text, boolean tooLong, byte[] start) {}

  /** How many of a refused line's bytes {@link Line#start} keeps. */
  private static final int START_BYTES = 4;

  private final InputStream in;
  private final byte[] buffer = new byte[64 * 1024];
  private final byte[] line;
  private final CharsetDecoder utf8 =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private int position;
  private int limit;
  private long number;
  private boolean skipping; // the rest of a line that was too long

  Utf8Lines(InputStream in, int maxBytes) {
    this.in = in;
    this.line = new byte[maxBytes];
  }

  /**
   * The next line, or null at the end.
   *
   * @throws IOException if the stream cannot be read
   */
  Line next() throws IOException {
    if (skipping) {
      skipping = false;
      while (true) {
        if (position == limit && !fill()) {
          return null;
        }
        if (buffer[position++] == '\n') {
          break;
        }
      }
    }
    int length = 0;
    boolean any = false;
    while (true) {
      if (position == limit && !fill()) {
        if (!any) {
          return null;
        }
        break;
      }
      any = true;
      byte b = buffer[position++];
      if (b == '\n') {
        break;
      }
      if (length == line.length) {
        position--; // the next call skips from here
        skipping = true;
        number++;
        return new Line(number, null, true, Arrays.copyOf(line, START_BYTES));
      }
      line[length++] = b;
    }
    number++;
    try {
      return new Line(
          number, utf8.decode(ByteBuffer.wrap(line, 0, length)).toString(), false, null);
    } catch (CharacterCodingException e) {
      return new Line(number, null, false, Arrays.copyOf(line, Math.min(length, START_BYTES)));
    }
  }

  private boolean fill() throws IOException {
    int n = in.read(buffer);
    position = 0;
    limit = Math.max(n, 0);
    return n > 0;
  }
}
