package dev.cancelkit.common;

import dev.cancelkit.common.internal.ClientOptions;
import dev.cancelkit.common.internal.ClientRuntime;
import dev.cancelkit.common.internal.ProviderSpec;
import dev.cancelkit.common.internal.RetryTimer;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * The options every provider client's builder shares. Each method returns the builder.
 *
 * @param <B> the provider's builder type
 */
public abstract class ClientBuilder<B extends ClientBuilder<B>> {
  /** The default bound on each attempt. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  /** The default number of times a failed attempt is sent again. */
  public static final int DEFAULT_MAX_RETRIES = 2;

  private String apiKey;
  private String baseUrl;
  private Duration timeout = DEFAULT_TIMEOUT;
  private int maxRetries = DEFAULT_MAX_RETRIES;
  private boolean allowInsecureHttp;
  private boolean httpLogging;
  private Function<String, String> environment = System::getenv;

  protected ClientBuilder() {}

  /**
   * The API key; without one, the provider's environment variable is read when the client is built.
   */
  public B apiKey(String apiKey) {
    this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    return self();
  }

  /**
   * The base URL, version path included (a trailing slash is optional). Without one, the provider's
   * {@code *_BASE_URL} environment variable, then the provider's published URL, is used.
   */
  public B baseUrl(String baseUrl) {
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    return self();
  }

  /** Bounds each attempt: connecting, sending, waiting for and reading the answer. Default 60 s. */
  public B timeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    this.timeout = timeout;
    return self();
  }

  /**
   * How many times a call that failed in transport or with 408, 429 or 5xx is sent again. Default
   * 2.
   */
  public B maxRetries(int maxRetries) {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
    }
    this.maxRetries = maxRetries;
    return self();
  }

  /**
   * Allows a plain {@code http} base URL to a host other than loopback. Off by default: the key
   * would cross the network in clear text.
   */
  public B allowInsecureHttp(boolean allowInsecureHttp) {
    this.allowInsecureHttp = allowInsecureHttp;
    return self();
  }

  /**
   * Logs every request and answer at DEBUG to the SLF4J logger {@code dev.cancelkit.http}, with the
   * key and any header that looks like a secret masked. Off by default; {@code CANCELKIT_LOG=debug}
   * turns it on too.
   */
  public B httpLogging(boolean httpLogging) {
    this.httpLogging = httpLogging;
    return self();
  }

  /** Replaces the environment the builder reads; for tests. */
  B environment(Function<String, String> environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
    return self();
  }

  /**
   * Resolves the options for {@code provider} and builds its HTTP stack.
   *
   * @throws IllegalStateException if there is no API key anywhere
   * @throws IllegalArgumentException if the key or base URL is unusable
   */
  protected final ClientRuntime runtime(ProviderSpec provider) {
    return ClientRuntime.create(provider, options());
  }

  private ClientOptions options() {
    return new ClientOptions(
        apiKey,
        baseUrl,
        timeout,
        maxRetries,
        allowInsecureHttp,
        environment,
        Clock.systemUTC(),
        RetryTimer.SYSTEM,
        httpLogging,
        null);
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  @Override
  public String toString() { // the options' own toString never prints the key
    return getClass().getSimpleName() + " with " + options();
  }
}
