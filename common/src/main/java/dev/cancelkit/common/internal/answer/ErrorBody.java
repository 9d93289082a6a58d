package dev.cancelkit.common.internal.answer;

/** The fields read from an error body, whatever its shape; each may be null. */
record ErrorBody(String message, String code, String type, String param) {
  static final ErrorBody EMPTY = new ErrorBody(null, null, null, null);
}
