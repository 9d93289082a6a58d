package dev.cancelkit.common.internal;

/**
 * Text from a provider made safe to print: control characters (C0, DEL and C1, ESC included) are
 * written as escapes ({@code \t}, {@code \n}, {@code \r}, else {@code \u001b}-style), so a hostile
 * status or error message can neither clear a terminal nor forge a line.
 */
public final class SafeText {
  private SafeText() {}

  /** Whether {@code c} is a C0 or C1 control character, or DEL. */
  public static boolean isControl(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f);
  }

  /** {@code text} with every control character escaped; null stays null. */
  public static String escape(String text) {
    if (text == null) {
      return null;
    }
    int first = 0;
    while (first < text.length() && !isControl(text.charAt(first))) {
      first++;
    }
    if (first == text.length()) {
      return text; // the common case: nothing to copy
    }
    StringBuilder s = new StringBuilder(text.length() + 16).append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\t') {
        s.append("\\t");
      } else if (c == '\n') {
        s.append("\\n");
      } else if (c == '\r') {
        s.append("\\r");
      } else if (isControl(c)) {
        s.append(String.format("\\u%04x", (int) c));
      } else {
        s.append(c);
      }
    }
    return s.toString();
  }
}
