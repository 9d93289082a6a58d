package dev.cancelkit.spectools;

/** A failure of the spec pipeline, with a message that says what to do; the build stops on it. */
final class SpecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  SpecException(String message) {
    super(message);
  }
}
