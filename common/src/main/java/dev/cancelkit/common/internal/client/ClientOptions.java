package dev.cancelkit.common.internal.client;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import okhttp3.OkHttpClient;

/**
 * What a builder was told, before defaults and the environment are applied.
 *
 * @param apiKey the key given to the builder, or null
 * @param baseUrl the base URL given to the builder, or null
 * @param timeout bounds each attempt
 * @param totalTimeout bounds each call as a whole, or null for no bound
 * @param maxRetries how many times a failed attempt is sent again
 * @param maxConcurrentRequests calls in flight at once on the client
 * @param okHttpClient the base of the client's OkHttp client, or null for a plain one
 * @param allowInsecureHttp allow plain http to hosts other than loopback
 * @param environment reads an environment variable; {@code System::getenv} outside tests
 * @param clock reads {@code Retry-After} dates and deadlines; the system clock outside tests
 * @param retryTimer waits between attempts; {@link RetryTimer#SYSTEM} outside tests
 * @param httpLogging log each request and answer at DEBUG (also on when {@code
 *     CANCELKIT_LOG=debug})
 * @param logSink where log lines go; null for the SLF4J logger {@code dev.cancelkit.http}
 */
public record ClientOptions(
    String apiKey,
    String baseUrl,
    Duration timeout,
    Duration totalTimeout,
    int maxRetries,
    int maxConcurrentRequests,
    OkHttpClient okHttpClient,
    boolean allowInsecureHttp,
    Function<String, String> environment,
    Clock clock,
    RetryTimer retryTimer,
    boolean httpLogging,
    Consumer<String> logSink) {

  @Override
  public String toString() { // never print the key
    return "ClientOptions{baseUrl="
        + (baseUrl == null ? null : Endpoint.withoutSecrets(baseUrl))
        + ", timeout="
        + timeout
        + ", totalTimeout="
        + totalTimeout
        + ", maxRetries="
        + maxRetries
        + ", maxConcurrentRequests="
        + maxConcurrentRequests
        + ", okHttpClient="
        + (okHttpClient == null ? "default" : "given")
        + ", allowInsecureHttp="
        + allowInsecureHttp
        + ", httpLogging="
        + httpLogging
        + "}";
  }
}
