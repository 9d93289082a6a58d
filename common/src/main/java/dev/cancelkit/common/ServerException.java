package dev.cancelkit.common;

/** HTTP 5xx: the provider failed. */
public final class ServerException extends ApiStatusException {
  private static final long serialVersionUID = 1L;

  ServerException(Details details) {
    super(details);
  }
}
