package dev.cancelkit.common.internal.runtime;

import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Request;
import okhttp3.Response;
import okio.Timeout;

/**
 * What Retrofit gets instead of an OkHttp call: it only carries the request Retrofit built from the
 * generated interface. cancelkit sends that request itself (with retries), so Retrofit never
 * executes anything, and no OkHttp call is made per request only to be thrown away.
 */
final class RequestOnlyCall implements Call {
  private final Request request;

  RequestOnlyCall(Request request) {
    this.request = request;
  }

  @Override
  public Request request() {
    return request;
  }

  @Override
  public Response execute() {
    throw new UnsupportedOperationException(
        "cancelkit sends requests through its own OkHttp client");
  }

  @Override
  public void enqueue(Callback callback) {
    throw new UnsupportedOperationException(
        "cancelkit sends requests through its own OkHttp client");
  }

  @Override
  public void cancel() {}

  @Override
  public boolean isExecuted() {
    return false;
  }

  @Override
  public boolean isCanceled() {
    return false;
  }

  @Override
  public Timeout timeout() {
    return Timeout.NONE;
  }

  @Override
  public Call clone() {
    return new RequestOnlyCall(request);
  }
}
