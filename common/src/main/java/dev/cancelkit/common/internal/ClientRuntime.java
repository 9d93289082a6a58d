package dev.cancelkit.common.internal;

import dev.cancelkit.common.json.JsonSupport;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.ConnectionSpec;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/**
 * The HTTP stack of one client: OkHttp, Retrofit and Moshi wired once, with the key, the base URL
 * and the timeouts resolved and checked. Built by a provider client's builder; closed with the
 * client.
 */
public final class ClientRuntime implements AutoCloseable {
  /** Connecting never waits longer than this, whatever the attempt timeout. */
  static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Keys shorter than this are test keys; redacting them would mangle ordinary words. */
  private static final int MIN_REDACTED_KEY_LENGTH = 6;

  /** Set to {@code debug} to log every request and answer. */
  static final String LOG_VARIABLE = "CANCELKIT_LOG";

  private final ProviderSpec provider;
  private final HttpUrl baseUrl;
  private final String apiKey;
  private final RetryPolicy retryPolicy;
  private final Clock clock;
  private final RetryTimer retryTimer;
  private final OkHttpClient http;
  private final Retrofit retrofit;
  private final java.util.concurrent.ConcurrentMap<Class<?>, Object> services =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final String authorization;
  private final String userAgent;

  /**
   * The headers of attempt n, made once: every request of this client carries the same key and
   * agent.
   */
  private final Headers[] attemptHeaders;

  private ClientRuntime(
      ProviderSpec provider, HttpUrl baseUrl, String apiKey, ClientOptions options) {
    this.provider = provider;
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
    this.retryPolicy = new RetryPolicy(options.maxRetries());
    this.clock = options.clock();
    this.retryTimer = options.retryTimer();
    Duration timeout = options.timeout();
    Duration connect = timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? timeout : MAX_CONNECT_TIMEOUT;
    OkHttpClient.Builder builder =
        new OkHttpClient.Builder()
            .connectTimeout(connect.toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .writeTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .callTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .retryOnConnectionFailure(false) // cancelkit decides what is retried
            .followRedirects(
                false) // a redirected POST may come back as a GET; the key stays with the base
            // URL's host
            .followSslRedirects(false);
    if (!baseUrl.isHttps()) {
      // plain http (loopback, or allowed): no TLS ever, so skip OkHttp's eager trust-store set-up
      // (~0.2 s of start-up)
      builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
    }
    if (options.httpLogging()
        || "debug".equalsIgnoreCase(options.environment().apply(LOG_VARIABLE))) {
      Consumer<String> sink = options.logSink() != null ? options.logSink() : Slf4jSink.create();
      builder.addInterceptor(new DebugLogInterceptor(sink, this::redact));
    }
    this.http = builder.build();
    this.authorization = "Bearer " + apiKey;
    this.userAgent = Version.userAgent(provider.name());
    this.attemptHeaders = new Headers[Math.min(options.maxRetries(), 8) + 2];
    for (int attempt = 1; attempt < attemptHeaders.length; attempt++) {
      attemptHeaders[attempt] = headersFor(attempt);
    }
    this.retrofit =
        new Retrofit.Builder()
            .baseUrl(baseUrl)
            .callFactory(
                RequestOnlyCall::new) // Retrofit only builds requests; they are sent through `http`
            .addConverterFactory(MoshiConverterFactory.create(JsonSupport.moshi()))
            .build();
  }

  /**
   * Resolves the options (builder first, then the provider's environment variables, then the
   * defaults), checks them and builds the stack.
   *
   * @throws IllegalStateException if no API key was given and the provider's variable is unset or
   *     blank
   * @throws IllegalArgumentException if the key or the base URL is unusable
   */
  public static ClientRuntime create(ProviderSpec provider, ClientOptions options) {
    String key = options.apiKey();
    if (key == null) {
      key = options.environment().apply(provider.apiKeyVariable());
      if (key == null || key.isBlank()) {
        throw new IllegalStateException(
            "No API key for "
                + provider.name()
                + ": call apiKey(...) on the builder or set "
                + provider.apiKeyVariable());
      }
    }
    key = key.strip();
    if (key.isEmpty()) {
      throw new IllegalArgumentException("The " + provider.name() + " API key is blank");
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c <= ' ' || c >= 0x7f) { // says where, never what: the key stays out of messages
        throw new IllegalArgumentException(
            "The "
                + provider.name()
                + " API key has a character that cannot go in an"
                + " HTTP header, at index "
                + i);
      }
    }
    String url = options.baseUrl();
    String source = "baseUrl(...)";
    if (url == null) {
      url = options.environment().apply(provider.baseUrlVariable());
      source = provider.baseUrlVariable();
      if (url == null || url.isBlank()) {
        url = provider.defaultBaseUrl();
        source = "the default base URL";
      }
    }
    HttpUrl baseUrl = parseBaseUrl(url.strip(), source, options.allowInsecureHttp());
    return new ClientRuntime(provider, baseUrl, key, options);
  }

  static HttpUrl parseBaseUrl(String url, String source, boolean allowInsecureHttp) {
    HttpUrl parsed = HttpUrl.parse(url.endsWith("/") ? url : url + "/");
    if (parsed == null) {
      throw new IllegalArgumentException(
          "Base URL from " + source + " is not an http or https URL: " + url);
    }
    if (parsed.query() != null || parsed.fragment() != null) {
      throw new IllegalArgumentException(
          "Base URL from " + source + " must not have a query or fragment: " + url);
    }
    if (!parsed.username().isEmpty() || !parsed.password().isEmpty()) {
      throw new IllegalArgumentException("Base URL from " + source + " must not carry credentials");
    }
    if (!parsed.isHttps() && !isLoopback(parsed.host()) && !allowInsecureHttp) {
      throw new IllegalArgumentException(
          "Base URL from "
              + source
              + " uses http to "
              + parsed.host()
              + ": the API key would cross the network in clear text. Use https, or allowInsecureHttp(true) if you"
              + " really mean it");
    }
    return parsed;
  }

  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.equals("::1") || h.matches("127(\\.\\d{1,3}){3}");
  }

  /** The provider's name, as in exception messages. */
  public String provider() {
    return provider.name();
  }

  /** The resolved base URL, always ending in {@code /}. */
  public HttpUrl baseUrl() {
    return baseUrl;
  }

  RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  Clock clock() {
    return clock;
  }

  RetryTimer retryTimer() {
    return retryTimer;
  }

  /** The OkHttp client every call of this client goes through. */
  public OkHttpClient http() {
    return http;
  }

  /**
   * The request of one attempt: what Retrofit built, with the bearer key, the {@code User-Agent},
   * {@code Accept} and the attempt's number.
   */
  Request prepare(Request request, int attempt) {
    Headers headers =
        attempt < attemptHeaders.length ? attemptHeaders[attempt] : headersFor(attempt);
    if (request.headers().size() > 0) { // Retrofit's own (none, for the specs we have): keep them
      headers = request.headers().newBuilder().addAll(headers).build();
    }
    return request.newBuilder().headers(headers).build();
  }

  private Headers headersFor(int attempt) {
    return new Headers.Builder()
        .add("Authorization", authorization)
        .add("User-Agent", userAgent)
        .add("Accept", "application/json")
        .add(RetryPolicy.ATTEMPT_HEADER, Integer.toString(attempt))
        .build();
  }

  /**
   * A generated Retrofit interface bound to this stack, made on first use (a cold start pays only
   * for what it uses).
   */
  public <T> T service(Class<T> api) {
    return api.cast(services.computeIfAbsent(api, retrofit::create));
  }

  /**
   * Removes the API key from text that came from outside, such as an error body that echoed a
   * header.
   */
  public String redact(String text) {
    if (text == null || apiKey.length() < MIN_REDACTED_KEY_LENGTH || !text.contains(apiKey)) {
      return text;
    }
    return text.replace(apiKey, "[redacted]");
  }

  /** Stops the client's threads and closes its idle connections. */
  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  @Override
  public String toString() {
    return provider.name() + " client at " + baseUrl;
  }
}
