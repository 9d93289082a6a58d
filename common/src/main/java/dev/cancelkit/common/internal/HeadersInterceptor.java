package dev.cancelkit.common.internal;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/** Adds the bearer key, the {@code User-Agent} and {@code Accept} to every request. */
final class HeadersInterceptor implements Interceptor {
  private final String authorization;
  private final String userAgent;

  HeadersInterceptor(String apiKey, String userAgent) {
    this.authorization = "Bearer " + apiKey;
    this.userAgent = userAgent;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    return chain.proceed(chain.request().newBuilder()
        .header("Authorization", authorization)
        .header("User-Agent", userAgent)
        .header("Accept", "application/json")
        .build());
  }

  @Override
  public String toString() {
    return "HeadersInterceptor{userAgent=" + userAgent + "}";
  }
}
