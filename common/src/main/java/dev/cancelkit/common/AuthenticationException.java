package dev.cancelkit.common;

/** HTTP 401: the API key is missing, wrong or revoked. */
public final class AuthenticationException extends ApiStatusException {
  private static final long serialVersionUID = 1L;

  AuthenticationException(Details details) {
    super(details);
  }
}
