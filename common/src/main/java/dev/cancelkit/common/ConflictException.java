package dev.cancelkit.common;

/**
 * HTTP 409: the job's state does not allow the cancel. Never retried. (Together's queue answers 409
 * with a result instead, see {@link CancelResult#httpStatus()}.)
 */
public final class ConflictException extends ApiStatusException {
  private static final long serialVersionUID = 1L;

  ConflictException(Details details) {
    super(details);
  }
}
