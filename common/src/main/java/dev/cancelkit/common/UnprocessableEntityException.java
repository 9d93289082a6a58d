package dev.cancelkit.common;

/** HTTP 422: the request was well-formed but invalid. */
public final class UnprocessableEntityException extends ApiStatusException {
  private static final long serialVersionUID = 1L;

  UnprocessableEntityException(Details details) {
    super(details);
  }
}
