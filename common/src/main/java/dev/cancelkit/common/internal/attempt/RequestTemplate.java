package dev.cancelkit.common.internal.attempt;

import java.io.IOException;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Builds an operation's requests. The generated Retrofit interface decides the method, path and
 * body; when the job id is just one path segment and the request carries no body, Retrofit builds
 * the request once, for a placeholder id, and each call only puts its id into that segment ({@link
 * HttpUrl.Builder#setPathSegment} percent-encodes it as one segment). That spares every call
 * Retrofit's reflection, regex and URL resolution, about 2 KiB of garbage. Any other operation (an
 * id in a query or a JSON body) asks Retrofit each time.
 */
public final class RequestTemplate {
  /** An id no real job has, and that needs no percent-encoding, to find where the id goes. */
  static final String PLACEHOLDER = "cancelkit-job-id-placeholder";

  private final Function<String, ? extends retrofit2.Call<?>> endpoint;
  private volatile Template template;
  private volatile boolean resolved;

  /** Where the id goes in a request Retrofit built for the placeholder. */
  private record Template(
      HttpUrl url, int segment, String method, RequestBody body, okhttp3.Headers headers) {}

  public RequestTemplate(Function<String, ? extends retrofit2.Call<?>> endpoint) {
    this.endpoint = endpoint;
  }

  public Request build(String jobId) {
    Template t = template();
    if (t == null) {
      return endpoint.apply(jobId).request();
    }
    return new Request.Builder()
        .url(t.url.newBuilder().setPathSegment(t.segment, jobId).build())
        .headers(t.headers)
        .method(t.method, t.body)
        .build();
  }

  private Template template() {
    if (!resolved) {
      template = find(endpoint.apply(PLACEHOLDER).request());
      resolved = true;
    }
    return template;
  }

  private static Template find(Request request) {
    RequestBody body = request.body();
    try {
      if (body != null && body.contentLength() != 0) {
        return null; // the id may be in the body (Together's queue)
      }
    } catch (IOException e) {
      return null;
    }
    HttpUrl url = request.url();
    if (url.encodedQuery() != null && url.encodedQuery().contains(PLACEHOLDER)) {
      return null;
    }
    int segment = url.pathSegments().indexOf(PLACEHOLDER);
    if (segment < 0 || url.pathSegments().lastIndexOf(PLACEHOLDER) != segment) {
      return null;
    }
    return new Template(url, segment, request.method(), body, request.headers());
  }
}
