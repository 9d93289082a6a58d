package dev.cancelkit.common;

import dev.cancelkit.common.internal.client.ClientOptions;
import dev.cancelkit.common.internal.client.ProviderSpec;
import dev.cancelkit.common.internal.client.RetryTimer;
import dev.cancelkit.common.internal.runtime.ClientRuntime;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import okhttp3.OkHttpClient;

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

  /** The default number of calls in flight at once on one client. */
  public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 64;

  /** The most calls in flight one client may allow. */
  public static final int MAX_CONCURRENT_REQUESTS = 1024;

  private String apiKey;
  private String baseUrl;
  private Duration timeout = DEFAULT_TIMEOUT;
  private Duration totalTimeout;
  private int maxRetries = DEFAULT_MAX_RETRIES;
  private int maxConcurrentRequests = DEFAULT_MAX_CONCURRENT_REQUESTS;
  private OkHttpClient okHttpClient;
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
   * The base URL (a trailing slash is optional). Without one, the provider's {@code *_BASE_URL}
   * environment variable, then the provider's published URL, is used. A URL with no path gets the
   * provider's version path ({@code https://api.cerebras.ai} means {@code
   * https://api.cerebras.ai/v1}), as the providers' own SDKs read their variables.
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
   * Bounds each call as a whole: every attempt and every wait between attempts. A retry that could
   * not start before it is over is not sent; when it runs out the call throws {@link
   * TransportException}. Default: none (each attempt is still bounded by {@link #timeout}).
   */
  public B totalTimeout(Duration totalTimeout) {
    Objects.requireNonNull(totalTimeout, "totalTimeout");
    if (totalTimeout.isZero() || totalTimeout.isNegative()) {
      throw new IllegalArgumentException("totalTimeout must be positive: " + totalTimeout);
    }
    this.totalTimeout = totalTimeout;
    return self();
  }

  /**
   * How many calls may be in flight at once on this client, async ones and those of bulk runs
   * included; the others wait their turn. Default 64.
   *
   * @throws IllegalArgumentException unless 1 &lt;= n &lt;= 1024
   */
  public B maxConcurrentRequests(int n) {
    if (n < 1 || n > MAX_CONCURRENT_REQUESTS) {
      throw new IllegalArgumentException(
          "maxConcurrentRequests must be 1-" + MAX_CONCURRENT_REQUESTS + ": " + n);
    }
    this.maxConcurrentRequests = n;
    return self();
  }

  /**
   * The OkHttp client that this client's own is derived from ({@code newBuilder()}): its proxy and
   * proxy authentication, TLS set-up, connection pool and event listeners are used. cancelkit still
   * sets its own timeouts, dispatcher, interceptors and redirect policy on top. Without one, a
   * plain client is used, and a proxy that asks for credentials (407) gets what {@link
   * java.net.Authenticator} supplies.
   */
  public B okHttpClient(OkHttpClient okHttpClient) {
    this.okHttpClient = Objects.requireNonNull(okHttpClient, "okHttpClient");
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
        totalTimeout,
        maxRetries,
        maxConcurrentRequests,
        okHttpClient,
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
