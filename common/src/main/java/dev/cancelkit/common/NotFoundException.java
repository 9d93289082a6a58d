package dev.cancelkit.common;

/** HTTP 404: no such job (or no such endpoint at the base URL). */
public final class NotFoundException extends ApiStatusException {
  private static final long serialVersionUID = 1L;

  NotFoundException(Details details) {
    super(details);
  }
}
