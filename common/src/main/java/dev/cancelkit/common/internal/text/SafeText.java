package dev.cancelkit.common.internal.text;

/**
 * Text from a provider made safe to print: control characters (C0, DEL and C1, ESC included) and
 * invisible format characters (the bidirectional overrides and isolates such as U+202E, zero-width
 * characters, U+FEFF, the line and paragraph separators U+2028/U+2029) are written as escapes
 * ({@code \t}, {@code \n}, {@code \r}, else a backslash-u escape of four hex digits), so a hostile
 * status, name or error message can neither clear a terminal, forge a line, nor make text read
 * backwards.
 */
public final class SafeText {
  /** The most characters of an id or URL a message repeats; the rest is counted, not quoted. */
  public static final int MAX_QUOTED = 200;

  private SafeText() {}

  /** Whether {@code c} is a C0 or C1 control character, or DEL. */
  public static boolean isControl(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f);
  }

  /**
   * Whether code point {@code c} is escaped: a control character, or one that changes how the text
   * around it is shown while showing nothing itself (Unicode's format characters, Cf, and the line
   * and paragraph separators).
   */
  public static boolean isHidden(int c) {
    if (c < 0xa0) {
      return isControl((char) c); // ASCII and C1: the common case, decided without a table
    }
    int type = Character.getType(c);
    return type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  /** {@code text} with every control and hidden format character escaped; null stays null. */
  public static String escape(String text) {
    if (text == null) {
      return null;
    }
    int first = 0;
    while (first < text.length() && !isHidden(text.codePointAt(first))) {
      first += Character.charCount(text.codePointAt(first));
    }
    if (first >= text.length()) {
      return text; // the common case: nothing to copy
    }
    StringBuilder s = new StringBuilder(text.length() + 16).append(text, 0, first);
    for (int i = first; i < text.length(); ) {
      int c = text.codePointAt(i);
      int n = Character.charCount(c);
      if (c == '\t') {
        s.append("\\t");
      } else if (c == '\n') {
        s.append("\\n");
      } else if (c == '\r') {
        s.append("\\r");
      } else if (isHidden(c)) {
        for (int k = i; k < i + n; k++) { // a supplementary one as its two UTF-16 halves
          s.append(String.format("\\u%04x", (int) text.charAt(k)));
        }
      } else {
        s.append(text, i, i + n);
      }
      i += n;
    }
    return s.toString();
  }

  /**
   * {@code text} cut after {@link #MAX_QUOTED} characters, saying how long it was: an id or URL of
   * a megabyte is not repeated whole in a message. Null stays null. A surrogate pair is not split.
   */
  public static String cut(String text) {
    if (text == null || text.length() <= MAX_QUOTED) {
      return text;
    }
    int end = MAX_QUOTED;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "...(" + text.length() + " characters)";
  }
}
