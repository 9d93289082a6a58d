package dev.cancelkit.common;

/**
 * The call did not get a complete answer: the connection failed or was reset, an attempt or the
 * whole call timed out, the body was cut short, or the calling thread was interrupted. {@link
 * #requestSent()} says whether the provider may have acted on the request.
 */
public final class TransportException extends CancelKitException {
  private static final long serialVersionUID = 1L;

  private final boolean requestSent;

  /**
   * @param requestSent whether the request was (or may have been) written to a connection
   */
  public TransportException(String message, Throwable cause, boolean requestSent) {
    super(message, cause);
    this.requestSent = requestSent;
  }

  /**
   * Whether the request had been written, in part or whole, to a connection by any attempt: if so,
   * the provider may have acted on it (read the job with {@code status} to know); if not, it
   * certainly did not.
   */
  public boolean requestSent() {
    return requestSent;
  }
}
