package dev.cancelkit.common;

import dev.cancelkit.common.internal.text.SafeText;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The provider answered with a non-2xx status that is not a documented result. The fields are read
 * from the error body whatever its shape (flat, {@code {"error": ...}}, {@code {"errors": [...]}},
 * {@code {"detail": ...}}, or plain text); the error fields may each be null.
 */
public abstract class ApiStatusException extends CancelKitException {
  private static final long serialVersionUID = 1L;

  /** Longest {@link #rawBody()} kept, in bytes read from the wire. */
  public static final int MAX_RAW_BODY_BYTES = 8 * 1024;

  private final Details details;

  ApiStatusException(Details details) {
    super(details.describe(), null);
    this.details = details;
  }

  /**
   * Everything an {@link ApiStatusException} carries, in one place.
   *
   * @param provider {@code together}, {@code cerebras} or {@code archetype}
   * @param statusCode the HTTP status
   * @param errorMessage the provider's message, or the start of a non-JSON body; may be null
   * @param errorCode the provider's machine-readable code; may be null
   * @param errorType the provider's error category; may be null
   * @param param the request parameter the provider blamed; may be null
   * @param requestId the provider's id for the request; may be null
   * @param rawBody the error body as received, at most {@link #MAX_RAW_BODY_BYTES}; null means ""
   * @param retryAfter the wait a 429 asked for; may be null, and only a 429 keeps it
   * @param attempts how many times the request was sent; the message says so when more than one,
   *     and 0 (with a note) means it was never sent
   * @param note what cancelkit adds to the message, such as why it sent no retry; may be null
   */
  public record Details(
      String provider,
      int statusCode,
      String errorMessage,
      String errorCode,
      String errorType,
      String param,
      String requestId,
      String rawBody,
      Duration retryAfter,
      int attempts,
      String note) {
    public Details {
      Objects.requireNonNull(provider, "provider");
      rawBody = rawBody == null ? "" : rawBody;
    }

    /** The exception's message: provider text is escaped, so control characters stay visible. */
    String describe() {
      StringBuilder s = new StringBuilder();
      if (attempts == 0 && note != null) { // never sent: only the note is true of this request
        return provider + ": " + SafeText.escape(note);
      }
      if (statusCode == 407) { // from a proxy between us and the provider, never the provider
        s.append(provider)
            .append(": the proxy refused the request (HTTP 407 Proxy Authentication Required);")
            .append(" give it credentials with java.net.Authenticator, or pass an okHttpClient")
            .append(" with a proxyAuthenticator");
      } else {
        s.append(provider).append(" answered HTTP ").append(statusCode).append(": ");
        s.append(errorMessage == null ? "(no error message)" : SafeText.escape(errorMessage));
      }
      StringBuilder extra = new StringBuilder();
      append(extra, "code", errorCode);
      append(extra, "type", errorType);
      append(extra, "param", param);
      append(extra, "request id", requestId);
      if (extra.length() > 0) {
        s.append(" (").append(extra).append(')');
      }
      if (attempts > 1) {
        s.append("; gave up after ").append(attempts).append(" attempts");
      }
      if (note != null) {
        s.append("; ").append(SafeText.escape(note));
      }
      return s.toString();
    }

    private static void append(StringBuilder s, String name, String value) {
      if (value != null) {
        s.append(s.length() == 0 ? "" : ", ")
            .append(name)
            .append(": ")
            .append(SafeText.escape(value));
      }
    }
  }

  /**
   * Builds the exception for an HTTP status: the one place where a status picks its exception
   * class.
   */
  public static ApiStatusException of(Details d) {
    switch (d.statusCode()) {
      case 400:
        return new BadRequestException(d);
      case 401:
        return new AuthenticationException(d);
      case 403:
        return new PermissionDeniedException(d);
      case 404:
        return new NotFoundException(d);
      case 409:
        return new ConflictException(d);
      case 422:
        return new UnprocessableEntityException(d);
      case 429:
        return new RateLimitException(d);
      default:
        return d.statusCode() >= 500 && d.statusCode() <= 599
            ? new ServerException(d)
            : new UnexpectedStatusException(d);
    }
  }

  /** All the fields, as one record. */
  public Details details() {
    return details;
  }

  /** The provider that answered: {@code together}, {@code cerebras} or {@code archetype}. */
  public String provider() {
    return details.provider();
  }

  /** The HTTP status code. */
  public int statusCode() {
    return details.statusCode();
  }

  /** The provider's error message, or the start of a non-JSON body; null if the body was empty. */
  public String errorMessage() {
    return details.errorMessage();
  }

  /** The provider's machine-readable error code, or null. */
  public String errorCode() {
    return details.errorCode();
  }

  /** The provider's error category, such as {@code invalid_request_error}, or null. */
  public String errorType() {
    return details.errorType();
  }

  /** The request parameter the provider blamed, or null. */
  public String param() {
    return details.param();
  }

  /**
   * The provider's id for this request, from the {@code x-request-id} (or {@code request-id})
   * header.
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(details.requestId());
  }

  /** The error body as received, cut at {@link #MAX_RAW_BODY_BYTES}; empty if there was none. */
  public String rawBody() {
    return details.rawBody();
  }
}
