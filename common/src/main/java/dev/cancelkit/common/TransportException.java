package dev.cancelkit.common;

/**
 * The call did not get a complete answer: the connection failed or was reset, an attempt timed out,
 * or the body was cut short. The cancel may or may not have reached the provider.
 */
public final class TransportException extends CancelKitException {
  private static final long serialVersionUID = 1L;

  public TransportException(String message, Throwable cause) {
    super(message, cause);
  }
}
