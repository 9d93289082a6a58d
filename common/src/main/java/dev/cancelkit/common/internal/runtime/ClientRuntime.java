package dev.cancelkit.common.internal.runtime;

import dev.cancelkit.common.internal.answer.CreationTime;
import dev.cancelkit.common.internal.answer.ResponseMapper;
import dev.cancelkit.common.internal.attempt.AttemptEngine;
import dev.cancelkit.common.internal.attempt.BodyBudget;
import dev.cancelkit.common.internal.client.ClientOptions;
import dev.cancelkit.common.internal.client.DaemonThreads;
import dev.cancelkit.common.internal.client.Endpoint;
import dev.cancelkit.common.internal.client.Origin;
import dev.cancelkit.common.internal.client.ProviderSpec;
import dev.cancelkit.common.internal.client.Slf4jSink;
import dev.cancelkit.common.json.JsonSupport;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import retrofit2.Call;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/**
 * The HTTP stack of one client: OkHttp, Retrofit and Moshi wired once around its {@link Endpoint}
 * and {@link AttemptEngine}. Built by a provider client's builder; closed with the client.
 */
public final class ClientRuntime implements AutoCloseable {
  /** Connecting never waits longer than this, whatever the attempt timeout. */
  static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Set to {@code debug} to log every request and answer. */
  static final String LOG_VARIABLE = "CANCELKIT_LOG";

  private final Endpoint endpoint;
  private final Duration timeout;
  private final OkHttpClient http;
  private final boolean ownsConnections;
  private final AttemptEngine engine;
  private final BodyBudget bodies = new BodyBudget();
  private final Retrofit retrofit;
  private final ConcurrentMap<Class<?>, Object> services = new ConcurrentHashMap<>();

  private ClientRuntime(Endpoint endpoint, ClientOptions options) {
    this.endpoint = endpoint;
    this.timeout = options.timeout();
    this.ownsConnections = options.okHttpClient() == null;
    this.http = okHttp(endpoint, options);
    this.engine = new AttemptEngine(endpoint, http, options);
    this.retrofit =
        new Retrofit.Builder()
            .baseUrl(endpoint.baseUrl())
            .callFactory(RequestOnlyCall::new) // Retrofit only builds requests; the engine sends
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
    return new ClientRuntime(Endpoint.resolve(provider, options), options);
  }

  /**
   * The user's OkHttp client (proxies, TLS, pool, listeners) or a plain one, with cancelkit's
   * timeouts, dispatcher, interceptors and redirect policy on top.
   */
  private static OkHttpClient okHttp(Endpoint endpoint, ClientOptions options) {
    Duration timeout = options.timeout();
    Duration connect = timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? timeout : MAX_CONNECT_TIMEOUT;
    Dispatcher dispatcher = new Dispatcher(DaemonThreads.http());
    dispatcher.setMaxRequests(options.maxConcurrentRequests());
    dispatcher.setMaxRequestsPerHost(options.maxConcurrentRequests());
    OkHttpClient.Builder builder;
    if (options.okHttpClient() != null) {
      builder = options.okHttpClient().newBuilder();
    } else {
      // OkHttp's default pool keeps 5 idle connections: a bulk run with more calls in flight closed
      // and reopened connections all through (73 for 3,000 cancels at 8 at once, 12 with this)
      builder =
          new OkHttpClient.Builder()
              .proxyAuthenticator(new ProxyLogin())
              .connectionPool(
                  new ConnectionPool(
                      Math.max(5, options.maxConcurrentRequests()), 5, TimeUnit.MINUTES));
      if (!endpoint.baseUrl().isHttps()) {
        // plain http (loopback, or allowed): no TLS ever, so skip the trust store (~0.2 s)
        builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
      }
    }
    builder
        .dispatcher(dispatcher)
        .connectTimeout(connect.toMillis(), TimeUnit.MILLISECONDS)
        .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .writeTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .callTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .retryOnConnectionFailure(false) // the engine decides what is retried
        .followRedirects(false) // a redirected POST may come back as a GET; the key stays home
        .followSslRedirects(false)
        .addNetworkInterceptor(AttemptEngine.MARK_SENT);
    if (options.httpLogging()
        || "debug".equalsIgnoreCase(options.environment().apply(LOG_VARIABLE))) {
      Consumer<String> sink = options.logSink() != null ? options.logSink() : Slf4jSink.create();
      builder.addInterceptor(new DebugLogInterceptor(sink, endpoint::redactCut));
    }
    return builder.build();
  }

  /** The provider's name, as in exception messages. */
  public String provider() {
    return endpoint.provider();
  }

  /** The resolved base URL, always ending in {@code /}. */
  public HttpUrl baseUrl() {
    return endpoint.baseUrl();
  }

  /** The OkHttp client every call of this client goes through. */
  public OkHttpClient http() {
    return http;
  }

  public Endpoint endpoint() {
    return endpoint;
  }

  /** The bound on each attempt. */
  public Duration timeout() {
    return timeout;
  }

  public AttemptEngine engine() {
    return engine;
  }

  public BodyBudget bodies() {
    return bodies;
  }

  /**
   * A generated Retrofit interface bound to this stack, made on first use (a cold start pays only
   * for what it uses).
   */
  public <T> T service(Class<T> api) {
    return api.cast(services.computeIfAbsent(api, retrofit::create));
  }

  /**
   * Sends a generated operation that is not about one job (such as clearing a queue) and reads its
   * answer into {@code model}, with the client's retries, deadlines and error mapping.
   */
  public <T> T execute(Supplier<? extends Call<?>> request, Class<T> model) {
    engine.checkOpen();
    ResponseMapper<T> answers =
        new ResponseMapper<>(
            endpoint, bodies, model, Set.of(), false, CreationTime.ISO_8601, "status");
    return engine.execute(request.get().request(), answers::map, null).value();
  }

  /** The base URL and a fingerprint of the key, which cannot be turned back into it. */
  public Origin origin() {
    return new Origin(endpoint.baseUrl().toString(), endpoint.keyFingerprint());
  }

  /** Removes the API key from text that came from outside. */
  public String redact(String text) {
    return endpoint.redact(text);
  }

  /**
   * Refuses new calls from now on (they throw {@link IllegalStateException}); calls in flight
   * finish. Idle connections are closed, unless they belong to a user's OkHttp client.
   */
  @Override
  public void close() {
    engine.close();
    if (ownsConnections) {
      http.connectionPool().evictAll();
    }
  }

  @Override
  public String toString() {
    return endpoint.provider() + " client at " + endpoint.baseUrl();
  }
}
