package dev.cancelkit.common;

/** HTTP 403: the key may not cancel this job. */
public final class PermissionDeniedException extends ApiStatusException {
  private static final long serialVersionUID = 1L;

  PermissionDeniedException(Details details) {
    super(details);
  }
}
