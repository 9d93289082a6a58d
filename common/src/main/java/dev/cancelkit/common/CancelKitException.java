package dev.cancelkit.common;

/**
 * Base of everything cancelkit throws for a failed call. Unchecked.
 *
 * <p>Messages name the provider and what went wrong; they never contain the API key.
 */
public abstract class CancelKitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected CancelKitException(String message, Throwable cause) {
    super(message, cause);
  }
}
