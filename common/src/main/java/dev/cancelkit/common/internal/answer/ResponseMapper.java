package dev.cancelkit.common.internal.answer;

import com.squareup.moshi.Json;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import dev.cancelkit.common.ApiStatusException;
import dev.cancelkit.common.InvalidResponseException;
import dev.cancelkit.common.internal.attempt.AttemptEngine.Answer;
import dev.cancelkit.common.internal.attempt.BodyBudget;
import dev.cancelkit.common.internal.client.Endpoint;
import dev.cancelkit.common.json.JsonSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Response;
import okio.Buffer;

/**
 * The one place where an HTTP answer becomes a result ({@link Parsed}) or an exception.
 *
 * <p>A 2xx, or a status the provider documents as a result (Together's queue 409), is read whole
 * (at most {@link #MAX_BODY_BYTES}) and parsed into the model; its top-level {@code status} string
 * becomes the state. Any other status becomes an {@link ApiStatusException} whose fields come from
 * the first {@link ApiStatusException#MAX_RAW_BODY_BYTES} of the body.
 *
 * <p>One idea: the one mapping from an answer to a result or an exception; kept whole so that there
 * is one place to read it.
 */
public final class ResponseMapper<R> {

  /** The top-level field in a Moshi error message such as "... at path $.batch_size". */
  private static final Pattern TOP_LEVEL_PATH = Pattern.compile("at path \\$\\.([^.\\[]+)");

  /** The largest 2xx body read; a larger one is an {@link InvalidResponseException}. */
  static final long MAX_BODY_BYTES = 16L * 1024 * 1024;

  private final Endpoint endpoint;
  private final BodyBudget bodies;
  private final Class<R> model;
  private volatile JsonAdapter<R> adapter;
  private volatile Field statusField;
  private volatile boolean statusFieldResolved;
  private final String modelName;
  private final Set<Integer> resultStatuses;
  private final boolean dropMisfits;
  private final CreationTime creationTime;

  /** The field that holds a job's status: {@code status}, or Together endpoints' {@code state}. */
  private final String statusName;

  private final JsonReader.Options statusOption;

  /**
   * @param dropMisfits read a body of another schema into the model: top-level fields whose values
   *     the model cannot hold are dropped (a read operation's answer, read into the cancel's model)
   */
  public ResponseMapper(
      Endpoint endpoint,
      BodyBudget bodies,
      Class<R> model,
      Set<Integer> resultStatuses,
      boolean dropMisfits,
      CreationTime creationTime,
      String statusName) {
    this.endpoint = endpoint;
    this.bodies = bodies;
    this.creationTime = creationTime;
    this.statusName = statusName;
    this.statusOption = JsonReader.Options.of(statusName);
    this.model = model;
    this.modelName = model.getSimpleName();
    this.resultStatuses = Set.copyOf(resultStatuses);
    this.dropMisfits = dropMisfits;
  }

  /**
   * Turns one answer into a result or throws its exception.
   *
   * @throws IOException if the body could not be read (the engine reports it as a transport
   *     failure)
   */
  public Parsed<R> map(Response response, Answer answer) throws IOException {
    int code = response.code();
    boolean success = code >= 200 && code <= 299;
    if (!success && !resultStatuses.contains(code)) {
      throw error(response, readError(response), answer);
    }
    try (BodyBudget.Held held = // parsed while held: the permit bounds the parse's memory too
        bodies.read(response.body().source(), MAX_BODY_BYTES, answer.call())) {
      if (held.buffer.size() > MAX_BODY_BYTES) {
        throw invalid(
            response, "a body larger than " + (MAX_BODY_BYTES >> 20) + " MiB", null, null, answer);
      }
      Buffer body = held.buffer; // kept whole until the parse is over, then back to the pool
      try {
        return parse(response, body, answer);
      } catch (InvalidResponseException e) {
        if (success) {
          throw e;
        }
        // a result status whose body is not the result is an ordinary error
        throw error(response, text(body, ApiStatusException.MAX_RAW_BODY_BYTES), answer);
      }
    }
  }

  /**
   * Reads the model from a copy of {@code body} in pooled segments that the reading empties, and
   * takes the status from the model's {@code status} field. Only when that field cannot give the
   * text exactly as sent (a value nobody documented, or no such field) is the body read a second
   * time, for its top-level {@code status}. {@code body} itself is left whole for messages.
   */
  private Parsed<R> parse(Response response, Buffer body, Answer answer) {
    if (body.size() == 0) {
      throw invalid(response, "an empty body", null, null, answer);
    }
    String status;
    R value;
    Instant createdAt = null;
    Buffer buffer = copyOf(body);
    try {
      JsonReader reader = JsonReader.of(buffer);
      JsonReader.Token token = reader.peek();
      if (token != JsonReader.Token.BEGIN_OBJECT) {
        throw invalid(
            response,
            "JSON " + token + " where a " + modelName + " object belongs",
            start(body),
            null,
            answer);
      }
      if (dropMisfits) {
        Parsed<R> job =
            fromFields(
                redactAll((Map<?, ?>) reader.readJsonValue()),
                response.code(),
                requestId(response));
        value = job.value();
        status = job.status();
        createdAt = job.createdAt();
      } else {
        value = adapter().fromJson(reader);
        status = statusOf(value);
      }
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw invalid(response, "data after the JSON object", start(body), null, answer);
      }
      if (status == null && !dropMisfits) {
        Buffer again = copyOf(body);
        try {
          status = topLevelStatus(JsonReader.of(again));
        } finally {
          again.clear();
        }
      }
    } catch (InvalidResponseException e) {
      throw e;
    } catch (IOException
        | RuntimeException e) { // malformed JSON, a field of the wrong type, too deep...
      throw invalid(
          response,
          "a body that is not a " + modelName + " (" + e.getMessage() + ")",
          start(body),
          e,
          answer);
    } finally {
      buffer.clear();
    }
    if (status == null && hasStatus()) {
      throw invalid(response, "a " + modelName + " without a status", start(body), null, answer);
    }
    return new Parsed<>(
        value, endpoint.redact(status), response.code(), requestId(response), createdAt);
  }

  /** The status as sent, read off the model; null when the model cannot say it exactly. */
  private String statusOf(R value) {
    Field field = statusField();
    Object status;
    try {
      status = field == null || value == null ? null : field.get(value);
    } catch (IllegalAccessException e) {
      return null; // read it from the body instead
    }
    if (status instanceof String text) {
      return text;
    }
    return status instanceof Enum<?> constant ? JsonSupport.wireName(constant) : null;
  }

  /** Whether the model has a status (a job does; an answer such as a count does not). */
  private boolean hasStatus() {
    return statusField() != null || dropMisfits;
  }

  private Field statusField() {
    if (!statusFieldResolved) {
      statusField = findStatusField(model, statusName);
      statusFieldResolved = true;
    }
    return statusField;
  }

  private static Field findStatusField(Class<?> type, String statusName) {
    for (Field f : type.getDeclaredFields()) {
      Json json = f.getAnnotation(Json.class);
      if (!Modifier.isStatic(f.getModifiers())
          && statusName.equals(json != null ? json.name() : f.getName())) {
        try {
          f.setAccessible(true);
          return f;
        } catch (RuntimeException e) {
          return null; // read it from the body instead
        }
      }
    }
    return null;
  }

  /**
   * The model's adapter, made on first use: a client that never calls an operation never builds its
   * models.
   */
  private JsonAdapter<R> adapter() {
    JsonAdapter<R> a = adapter;
    if (a == null) {
      adapter = a = JsonSupport.moshi().adapter(model);
    }
    return a;
  }

  /**
   * {@code fields} with the API key redacted from every string in it, keys and nested values
   * included (an id, a name, a model that echo it); the same object if none held it.
   */
  public Map<?, ?> redactAll(Map<?, ?> fields) {
    return (Map<?, ?>) redactValue(fields);
  }

  private Object redactValue(Object value) {
    if (value instanceof String text) {
      return endpoint.redact(text);
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = null;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        Object k = redactValue(e.getKey());
        Object v = redactValue(e.getValue());
        if (copy == null && (k != e.getKey() || v != e.getValue())) {
          copy = new LinkedHashMap<>();
          for (Map.Entry<?, ?> before : map.entrySet()) {
            if (before.getKey() == e.getKey()) {
              break;
            }
            copy.put(before.getKey(), before.getValue());
          }
        }
        if (copy != null) {
          copy.put(k, v);
        }
      }
      return copy == null ? map : copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = null;
      for (int i = 0; i < list.size(); i++) {
        Object v = redactValue(list.get(i));
        if (copy == null && v != list.get(i)) {
          copy = new ArrayList<>(list.subList(0, i));
        }
        if (copy != null) {
          copy.add(v);
        }
      }
      return copy == null ? list : copy;
    }
    return value;
  }

  /**
   * A job read from one JSON object (a read's answer, or an item of a list): the model, without the
   * top-level fields it cannot hold; the status as sent, the key redacted; the creation time.
   *
   * @throws RuntimeException if the model cannot be read even so
   */
  public Parsed<R> fromFields(Map<?, ?> fields, int httpStatus, String requestId) {
    String status = fields.get(statusName) instanceof String text ? endpoint.redact(text) : null;
    return new Parsed<>(
        fromTree(fields),
        status,
        httpStatus,
        requestId,
        creationTime.parse(fields.get("created_at")));
  }

  /**
   * The model read from a JSON object, leaving out each top-level field whose value does not fit
   * the model.
   */
  private R fromTree(Map<?, ?> tree) {
    Map<?, ?> fields = new LinkedHashMap<>(tree);
    while (true) {
      try {
        return adapter().fromJsonValue(fields);
      } catch (JsonDataException e) {
        Matcher m = TOP_LEVEL_PATH.matcher(String.valueOf(e.getMessage()));
        if (!m.find() || fields.remove(m.group(1)) == null) {
          throw e;
        }
      }
    }
  }

  /**
   * A copy of {@code body} by value, in segments from Okio's pool. Not {@code Buffer.copy()}: that
   * shares the segments, and a shared segment never goes back to the pool (a new 8 KiB array on the
   * next call); not a {@code byte[]} in between: that is one more array the size of the body per
   * call.
   */
  private static Buffer copyOf(Buffer body) {
    Buffer copy = new Buffer();
    try {
      body.copyTo(copy.outputStream(), 0, body.size());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a Buffer's stream does not throw
    }
    return copy;
  }

  /** The first {@code max} bytes of a body as text (a message's), leaving the body whole. */
  private static String text(Buffer body, int max) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      body.copyTo(out, 0, Math.min(body.size(), max));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // nor does this one
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The start of a body, for a message. */
  private static String start(Buffer body) {
    return text(body, ErrorBodyParser.SUMMARY_CHARS * 4);
  }

  private String topLevelStatus(JsonReader peek) throws IOException {
    peek.beginObject();
    String status = null;
    while (peek.hasNext()) {
      int name = peek.selectName(statusOption); // matches without making a String of every key
      if (name == 0 && peek.peek() == JsonReader.Token.STRING) {
        status = peek.nextString();
      } else {
        if (name == -1) {
          peek.skipName();
        }
        peek.skipValue();
      }
    }
    return status;
  }

  /** The exception of a non-2xx answer: its error body read (at most 8 KiB) and mapped. */
  public ApiStatusException errorOf(Response response, Answer answer) {
    return error(response, readError(response), answer);
  }

  /** The exception of a 2xx answer whose body is not what the provider documents. */
  public InvalidResponseException invalidBody(
      Response response, String what, Throwable cause, Answer answer) {
    return invalid(response, what, null, cause, answer);
  }

  private ApiStatusException error(Response response, String rawBody, Answer answer) {
    String raw = endpoint.redactCut(rawBody);
    ErrorBody e = ErrorBodyParser.parse(raw);
    String message = endpoint.redact(e.message()); // the decoded text, once more
    String location = response.header("Location");
    if (response.isRedirect() && location != null) { // not followed: say where it pointed
      message =
          (message == null ? "" : message + "; ")
              + "redirected to "
              + endpoint.redact(location)
              + ", not followed: check the base URL";
    }
    return ApiStatusException.of(
        new ApiStatusException.Details(
            endpoint.provider(),
            response.code(),
            message,
            endpoint.redact(e.code()),
            endpoint.redact(e.type()),
            endpoint.redact(e.param()),
            requestId(response),
            raw,
            response.code() == 429 ? answer.retryAfter() : null,
            answer.attempts(),
            answer.note()));
  }

  private InvalidResponseException invalid(
      Response response, String what, String bodyStart, Throwable cause, Answer answer) {
    StringBuilder s =
        new StringBuilder()
            .append(endpoint.provider())
            .append(" answered HTTP ")
            .append(response.code())
            .append(" with ")
            .append(what);
    String requestId = requestId(response);
    if (requestId != null) {
      s.append(" (request id: ").append(requestId).append(')');
    }
    if (bodyStart != null && !bodyStart.isBlank()) {
      s.append("; body starts: ").append(ErrorBodyParser.summary(bodyStart));
    }
    if (answer.attempts() > 1) {
      s.append("; gave up after ").append(answer.attempts()).append(" attempts");
    }
    return new InvalidResponseException(endpoint.scrub(s.toString()), endpoint.scrub(cause));
  }

  /**
   * The first bytes of an error body (well within what any answer may hold); a body cut short still
   * yields what arrived.
   */
  private static String readError(Response response) {
    Buffer buffer = new Buffer();
    try {
      BodyBudget.readInto(response.body().source(), buffer, ApiStatusException.MAX_RAW_BODY_BYTES);
    } catch (IOException e) {
      // keep what arrived: the status line already says what happened
    }
    return buffer.readUtf8();
  }

  /** The provider's id for the request, scrubbed: a server may echo anything in a header. */
  public String requestId(Response response) {
    String id = response.header("x-request-id");
    return endpoint.scrub(id != null ? id : response.header("request-id"));
  }

  /** An answer read: the model, its status as sent, and what the answer's head said. */
  public record Parsed<R>(
      R value, String status, int httpStatus, String requestId, Instant createdAt) {}
}
