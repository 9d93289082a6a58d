package dev.cancelkit.common.internal.runtime;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;

/**
 * Opt-in HTTP logging: each attempt's request and answer, with {@code Authorization} and any header
 * that looks like a secret masked, and the API key removed from bodies. Off unless the builder or
 * {@code CANCELKIT_LOG=debug} asks.
 */
public final class DebugLogInterceptor implements Interceptor {
  /** How much of a body is logged. */
  public static final int MAX_LOGGED_BODY = 4096;

  private final Consumer<String> sink;
  private final UnaryOperator<String> redactor;

  DebugLogInterceptor(Consumer<String> sink, UnaryOperator<String> redactor) {
    this.sink = sink;
    this.redactor = redactor;
  }

  static boolean secretHeader(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.contains("auth")
        || n.contains("key")
        || n.contains("token")
        || n.contains("secret")
        || n.contains("cookie")
        || n.contains("password")
        || n.contains("signature");
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    StringBuilder out =
        new StringBuilder("--> ").append(request.method()).append(' ').append(request.url());
    headers(out, request.headers());
    RequestBody body = request.body();
    if (body != null && body.contentLength() > 0 && body.contentLength() <= MAX_LOGGED_BODY) {
      Buffer buffer = new Buffer();
      body.writeTo(buffer);
      out.append("\n\n").append(buffer.readUtf8());
    }
    log(out);
    long start = System.nanoTime();
    Response response;
    try {
      response = chain.proceed(request);
    } catch (IOException e) {
      log(
          new StringBuilder("<-- FAILED ")
              .append(request.method())
              .append(' ')
              .append(request.url())
              .append(": ")
              .append(e));
      throw e;
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    StringBuilder in =
        new StringBuilder("<-- ")
            .append(response.code())
            .append(' ')
            .append(response.message())
            .append(' ')
            .append(request.url())
            .append(" (")
            .append(millis)
            .append(" ms)");
    headers(in, response.headers());
    MediaType type = response.body().contentType();
    if (type == null || "json".equals(type.subtype()) || "text".equals(type.type())) {
      String preview = response.peekBody(MAX_LOGGED_BODY).string();
      if (!preview.isEmpty()) {
        in.append("\n\n").append(preview);
      }
    }
    log(in);
    return response;
  }

  private static void headers(StringBuilder s, Headers headers) {
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i);
      s.append('\n')
          .append(name)
          .append(": ")
          .append(secretHeader(name) ? "[redacted]" : headers.value(i));
    }
  }

  private void log(StringBuilder text) {
    sink.accept(redactor.apply(text.toString()));
  }
}
