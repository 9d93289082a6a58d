package dev.cancelkit.common.internal.text;

import java.util.function.UnaryOperator;

/**
 * Stands in for a throwable from below (OkHttp, Moshi, the JDK) whose message may quote what a
 * server sent: it prints as the original ({@code class: message}) with the message scrubbed, keeps
 * the original's stack trace, and its cause and suppressed exceptions are scrubbed the same way.
 */
public final class ScrubbedCause extends Exception {
  private static final long serialVersionUID = 1L;

  /** Deeper chains than this are cut: a cycle or a hostile chain must not loop. */
  private static final int MAX_DEPTH = 16;

  private final String originalClass;

  private ScrubbedCause(String originalClass, String message) {
    super(message);
    this.originalClass = originalClass;
  }

  public static Throwable of(Throwable t, UnaryOperator<String> scrub) {
    return of(t, scrub, 0);
  }

  private static Throwable of(Throwable t, UnaryOperator<String> scrub, int depth) {
    if (t == null || depth >= MAX_DEPTH) {
      return null;
    }
    ScrubbedCause s = new ScrubbedCause(t.getClass().getName(), scrub.apply(t.getMessage()));
    s.setStackTrace(t.getStackTrace());
    Throwable cause = of(t.getCause(), scrub, depth + 1);
    if (cause != null) {
      s.initCause(cause);
    }
    for (Throwable suppressed : t.getSuppressed()) {
      Throwable x = of(suppressed, scrub, depth + 1);
      if (x != null) {
        s.addSuppressed(x);
      }
    }
    return s;
  }

  /** The class of the throwable this stands for. */
  public String originalClass() {
    return originalClass;
  }

  @Override
  public String toString() {
    String message = getMessage();
    return message == null ? originalClass : originalClass + ": " + message;
  }
}
