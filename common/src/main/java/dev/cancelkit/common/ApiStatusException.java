package dev.cancelkit.common;

import java.time.Duration;
import java.util.Optional;

/**
 * The provider answered with a non-2xx status that is not a documented result. The fields are read
 * from the error body whatever its shape (flat, {@code {"error": ...}}, {@code {"errors": [...]}},
 * {@code {"detail": ...}}, or plain text); each of them may be null.
 */
public abstract class ApiStatusException extends CancelKitException {
  private static final long serialVersionUID = 1L;

  /** Longest {@link #rawBody()} kept, in bytes read from the wire. */
  public static final int MAX_RAW_BODY_BYTES = 8 * 1024;

  private final String provider;
  private final int statusCode;
  private final String errorMessage;
  private final String errorCode;
  private final String errorType;
  private final String param;
  private final String requestId;
  private final String rawBody;

  ApiStatusException(Details d) {
    super(d.describe(), null);
    this.provider = d.provider;
    this.statusCode = d.statusCode;
    this.errorMessage = d.errorMessage;
    this.errorCode = d.errorCode;
    this.errorType = d.errorType;
    this.param = d.param;
    this.requestId = d.requestId;
    this.rawBody = d.rawBody;
  }

  /**
   * Builds the exception for an HTTP status: the one place where a status picks its exception
   * class.
   *
   * @param provider {@code together}, {@code cerebras} or {@code archetype}
   * @param retryAfter how long a 429 asked to wait, or null; ignored for other statuses
   * @param attempts how many times the request was sent; the message says so when it is more than
   *     one
   */
  public static ApiStatusException of(
      String provider,
      int statusCode,
      String errorMessage,
      String errorCode,
      String errorType,
      String param,
      String requestId,
      String rawBody,
      Duration retryAfter,
      int attempts) {
    Details d =
        new Details(
            provider,
            statusCode,
            errorMessage,
            errorCode,
            errorType,
            param,
            requestId,
            rawBody,
            attempts);
    switch (statusCode) {
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
        return new RateLimitException(d, retryAfter);
      default:
        return statusCode >= 500 && statusCode <= 599
            ? new ServerException(d)
            : new UnexpectedStatusException(d);
    }
  }

  /** The provider that answered: {@code together}, {@code cerebras} or {@code archetype}. */
  public String provider() {
    return provider;
  }

  /** The HTTP status code. */
  public int statusCode() {
    return statusCode;
  }

  /** The provider's error message, or the start of a non-JSON body; null if the body was empty. */
  public String errorMessage() {
    return errorMessage;
  }

  /** The provider's machine-readable error code, or null. */
  public String errorCode() {
    return errorCode;
  }

  /** The provider's error category, such as {@code invalid_request_error}, or null. */
  public String errorType() {
    return errorType;
  }

  /** The request parameter the provider blamed, or null. */
  public String param() {
    return param;
  }

  /**
   * The provider's id for this request, from the {@code x-request-id} (or {@code request-id})
   * header.
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /** The error body as received, cut at {@link #MAX_RAW_BODY_BYTES}; empty if there was none. */
  public String rawBody() {
    return rawBody;
  }

  /** The fields every subclass carries; keeps the constructors short. */
  static final class Details {
    final String provider;
    final int statusCode;
    final String errorMessage;
    final String errorCode;
    final String errorType;
    final String param;
    final String requestId;
    final String rawBody;
    final int attempts;

    Details(
        String provider,
        int statusCode,
        String errorMessage,
        String errorCode,
        String errorType,
        String param,
        String requestId,
        String rawBody,
        int attempts) {
      this.provider = provider;
      this.statusCode = statusCode;
      this.errorMessage = errorMessage;
      this.errorCode = errorCode;
      this.errorType = errorType;
      this.param = param;
      this.requestId = requestId;
      this.rawBody = rawBody == null ? "" : rawBody;
      this.attempts = attempts;
    }

    String describe() {
      StringBuilder s =
          new StringBuilder().append(provider).append(" answered HTTP ").append(statusCode);
      s.append(": ").append(errorMessage == null ? "(no error message)" : errorMessage);
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
      return s.toString();
    }

    private static void append(StringBuilder s, String name, String value) {
      if (value != null) {
        s.append(s.length() == 0 ? "" : ", ").append(name).append(": ").append(value);
      }
    }
  }
}
