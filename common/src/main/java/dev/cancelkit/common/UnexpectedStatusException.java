package dev.cancelkit.common;

/** A non-2xx HTTP status that has no exception class of its own (such as 402, 408 or 413). */
public final class UnexpectedStatusException extends ApiStatusException {
  private static final long serialVersionUID = 1L;

  UnexpectedStatusException(Details details) {
    super(details);
  }
}
