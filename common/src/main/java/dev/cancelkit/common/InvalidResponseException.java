package dev.cancelkit.common;

/**
 * The provider answered 2xx (or a documented result status) with a body that is not the documented
 * JSON: empty, malformed, of the wrong JSON type, too large, or without a status.
 */
public final class InvalidResponseException extends CancelKitException {
  private static final long serialVersionUID = 1L;

  public InvalidResponseException(String message, Throwable cause) {
    super(message, cause);
  }
}
