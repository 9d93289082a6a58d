package dev.cancelkit.common.internal.answer;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/**
 * Reads the error fields out of any error body the providers send: flat {@code
 * {code,message,param,type}}, {@code {"error": "text"}}, {@code {"error":
 * {message,type,param,code}}}, {@code {"errors": [{code,message,...}]}} (first entry wins), {@code
 * {"detail": ...}}, and plain text or HTML (then the message is the start of the text).
 */
final class ErrorBodyParser {
  /** How much of a non-JSON body becomes the message. */
  static final int SUMMARY_CHARS = 200;

  private ErrorBodyParser() {}

  static ErrorBody parse(String raw) {
    if (raw == null || raw.isBlank()) {
      return ErrorBody.EMPTY;
    }
    String text = raw.strip();
    if (text.startsWith("{")) {
      Object json = readJson(text);
      if (json instanceof Map<?, ?> object) {
        ErrorBody body = fromObject(object);
        if (body != null) {
          return body;
        }
      }
    }
    return new ErrorBody(summary(text), null, null, null);
  }

  /** The start of a text, whitespace collapsed, at most {@link #SUMMARY_CHARS} characters. */
  static String summary(String text) {
    String collapsed = text.strip().replaceAll("\\s+", " ");
    return collapsed.length() <= SUMMARY_CHARS
        ? collapsed
        : collapsed.substring(0, SUMMARY_CHARS) + "...";
  }

  private static Object readJson(String text) {
    try {
      JsonReader reader = JsonReader.of(new Buffer().writeUtf8(text));
      Object value = reader.readJsonValue();
      return reader.peek() == JsonReader.Token.END_DOCUMENT ? value : null;
    } catch (IOException | RuntimeException e) {
      return null; // not JSON after all (or cut at the raw-body limit): treat it as text
    }
  }

  private static ErrorBody fromObject(Map<?, ?> body) {
    if (body.get("errors") instanceof List<?> errors
        && !errors.isEmpty()
        && errors.get(0) instanceof Map<?, ?> first) {
      return fields(first);
    }
    Object error = body.get("error");
    if (error instanceof Map<?, ?> object) {
      return fields(object);
    }
    if (error instanceof String message) {
      return new ErrorBody(
          message, text(body.get("code")), text(body.get("type")), text(body.get("param")));
    }
    Object detail = body.get("detail");
    if (detail instanceof String message) {
      return new ErrorBody(message, null, null, null);
    }
    if (detail instanceof List<?> details
        && !details.isEmpty()
        && details.get(0) instanceof Map<?, ?> first) {
      return fields(first); // FastAPI validation: [{"loc": [...], "msg": "...", "type": "..."}]
    }
    if (detail instanceof Map<?, ?> object) {
      return fields(object);
    }
    if (body.containsKey("message") || body.containsKey("code")) {
      return fields(body);
    }
    return null;
  }

  private static ErrorBody fields(Map<?, ?> object) {
    String message = text(object.get("message"));
    if (message == null) {
      message = text(object.get("msg"));
    }
    String param = text(object.get("param"));
    if (param == null && object.get("loc") instanceof List<?> loc && !loc.isEmpty()) {
      param = text(loc.get(loc.size() - 1));
    }
    return new ErrorBody(message, text(object.get("code")), text(object.get("type")), param);
  }

  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
      return Long.toString(d.longValue());
    }
    return value instanceof String s ? s : String.valueOf(value);
  }
}
