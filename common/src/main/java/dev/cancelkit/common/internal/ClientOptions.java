package dev.cancelkit.common.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What a builder was told, before defaults and the environment are applied.
 *
 * @param apiKey the key given to the builder, or null
 * @param baseUrl the base URL given to the builder, or null
 * @param environment reads an environment variable; {@code System::getenv} outside tests
 * @param clock reads {@code Retry-After} dates; the system clock outside tests
 * @param retryTimer waits between attempts; {@link RetryTimer#SYSTEM} outside tests
 * @param httpLogging log each request and answer at DEBUG (also on when {@code
 *     CANCELKIT_LOG=debug})
 * @param logSink where log lines go; null for the SLF4J logger {@code dev.cancelkit.http}
 */
public record ClientOptions(
    String apiKey,
    String baseUrl,
    Duration timeout,
    int maxRetries,
    boolean allowInsecureHttp,
    Function<String, String> environment,
    Clock clock,
    RetryTimer retryTimer,
    boolean httpLogging,
    Consumer<String> logSink) {

  @Override
  public String toString() { // never print the key
    return "ClientOptions{baseUrl="
        + baseUrl
        + ", timeout="
        + timeout
        + ", maxRetries="
        + maxRetries
        + ", allowInsecureHttp="
        + allowInsecureHttp
        + ", httpLogging="
        + httpLogging
        + "}";
  }
}
