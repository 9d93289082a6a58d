package dev.cancelkit.common;

/** HTTP 400: the provider rejected the request as malformed. */
public final class BadRequestException extends ApiStatusException {
  private static final long serialVersionUID = 1L;

  BadRequestException(Details details) {
    super(details);
  }
}
