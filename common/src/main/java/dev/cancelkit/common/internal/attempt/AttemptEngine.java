package dev.cancelkit.common.internal.attempt;

import dev.cancelkit.common.TransportException;
import dev.cancelkit.common.internal.client.ClientOptions;
import dev.cancelkit.common.internal.client.DaemonThreads;
import dev.cancelkit.common.internal.client.Endpoint;
import dev.cancelkit.common.internal.client.RetryTimer;
import dev.cancelkit.common.internal.client.Version;
import dev.cancelkit.common.internal.text.SafeText;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Runs a call's attempts, blocking ({@link #execute}) and async ({@link #executeAsync}) side by
 * side: both are one {@link Exchange}. A blocking call sends each attempt on the caller's own
 * thread (no hand-off to another thread and back); {@link InterruptWatch} ends it when that thread
 * is interrupted, and its retries are timed by the same timer as an async call's. Both take their
 * turn in the client's {@link Slots}. The engine owns what happens between a request and its
 * answer: sending each attempt, reading {@code Retry-After} (once per answer), deciding on a retry
 * with {@link RetryPolicy}, the call's deadline, interrupts, a bulk run's {@link Gate}, and
 * completing futures away from the threads the client needs.
 */
public final class AttemptEngine {
  /** Reads the answer that ended a call's attempts: a result, or the exception it throws. */
  public interface AnswerReader<T> {
    /**
     * @throws IOException if the body could not be read (a transport failure, maybe retried)
     */
    T read(Response response, Answer answer) throws IOException;
  }

  /**
   * What the engine knows of the answer being read.
   *
   * @param attempts how many times the request was sent, this answer's included
   * @param retryAfter the wait the answer asked for, or null
   * @param note why a retryable answer was not retried, for the message; null if it was not
   *     retryable or retries ran out
   * @param call the attempt's call: reading its body stops when it is cancelled
   * @param exchange the call as a whole
   */
  public record Answer(
      int attempts, Duration retryAfter, String note, Call call, Exchange<?> exchange) {
    /**
     * From now on a failure to read this answer is not retried: part of it was already handed on (a
     * list's jobs), and a second answer would hand them on twice.
     */
    public void noMoreRetries() {
      exchange.retriesOff = true;
    }
  }

  /** Marks each exchange whose request reaches a connection: from then on, it may have acted. */
  public static final Interceptor MARK_SENT =
      chain -> {
        Exchange<?> exchange = chain.request().tag(Exchange.class);
        if (exchange != null) {
          exchange.markSent();
        }
        return chain.proceed(chain.request());
      };

  final Endpoint endpoint;
  final OkHttpClient http;
  final RetryPolicy policy;
  final Clock clock;
  final RetryTimer timer;
  final Duration timeout;
  private final Duration totalTimeout;
  private final String totalTimeoutWords; // for the message when it passes; made once
  private final String userAgent;
  final Slots slots;

  /** The headers of attempt n, made once: every request of this client carries the same ones. */
  private final Headers[] attemptHeaders;

  private volatile boolean closed;

  public AttemptEngine(Endpoint endpoint, OkHttpClient http, ClientOptions options) {
    this.endpoint = endpoint;
    this.http = http;
    this.policy = new RetryPolicy(options.maxRetries());
    this.clock = options.clock();
    this.timer = options.retryTimer();
    this.timeout = options.timeout();
    this.totalTimeout = options.totalTimeout();
    this.totalTimeoutWords =
        totalTimeout == null ? null : "the total timeout of " + Deadline.words(totalTimeout);
    this.userAgent = Version.userAgent(endpoint.provider());
    this.slots = new Slots(options.maxConcurrentRequests());
    this.attemptHeaders = new Headers[Math.min(options.maxRetries(), 8) + 2];
    for (int attempt = 1; attempt < attemptHeaders.length; attempt++) {
      attemptHeaders[attempt] = headersFor(attempt);
    }
  }

  /**
   * Sends {@code request} until an answer is final and returns what {@code reader} makes of it.
   * Blocks; an interrupt aborts the call at once.
   *
   * @param deadline when the call must be over, besides the client's total timeout; may be null
   * @throws IllegalStateException if the client is closed; nothing was sent
   */
  public <T> T execute(Request request, AnswerReader<T> reader, Deadline deadline) {
    checkOpen();
    checkNotInterrupted(describe(request));
    Exchange<T> exchange =
        new Exchange<>(
            this, request, reader, callDeadline(deadline), Gate.NONE, Thread.currentThread());
    exchange.begin();
    return exchange.drive();
  }

  /** Throws, without sending anything, if the calling thread is already interrupted. */
  public void checkNotInterrupted(String what) {
    if (Thread.currentThread().isInterrupted()) {
      throw new TransportException(
          endpoint.provider() + ": " + what + " not sent: the calling thread was interrupted",
          null,
          false);
    }
  }

  /** The exception of a call whose thread was interrupted. */
  public TransportException interrupted(boolean sent, String what) {
    return new TransportException(
        endpoint.provider() + ": " + what + " interrupted; " + sentWords(sent, what), null, sent);
  }

  /** What a call that got no answer may have done at the provider, in words. */
  String sentWords(boolean sent, String what) {
    if (!sent) {
      return "the request was not sent";
    }
    if (what.startsWith("GET ")) {
      return "the request was sent"; // a read changes nothing
    }
    return "the request was sent, so "
        + endpoint.provider()
        + " may have acted on it: read the job's status to know";
  }

  /**
   * As {@link #execute}, without blocking. The future completes on a callback thread, never on one
   * the client needs; cancelling it aborts the call and any pending retry.
   */
  public <T> CompletableFuture<T> executeAsync(Request request, AnswerReader<T> reader) {
    checkOpen();
    return exchange(request, reader, null, Gate.NONE).userFuture();
  }

  /**
   * Starts one call without the open check: {@link #execute} and {@link #executeAsync} made it, and
   * a bulk run made it when it began (its later calls go on, as calls in flight do after {@code
   * close()}).
   */
  public <T> Exchange<T> exchange(
      Request request, AnswerReader<T> reader, Deadline deadline, Gate gate) {
    Exchange<T> exchange =
        new Exchange<>(this, request, reader, callDeadline(deadline), gate, null);
    exchange.begin();
    return exchange;
  }

  private Deadline callDeadline(Deadline deadline) {
    return Deadline.earlier(deadline, Deadline.after(clock, totalTimeout, totalTimeoutWords));
  }

  public void checkOpen() {
    if (closed) {
      throw new IllegalStateException(
          "This " + endpoint.provider() + " client is closed; build a new one");
    }
  }

  public boolean isClosed() {
    return closed;
  }

  /** New calls are refused from now on; calls in flight finish. */
  public void close() {
    closed = true;
  }

  public Clock clock() {
    return clock;
  }

  public RetryTimer timer() {
    return timer;
  }

  public Slots slots() {
    return slots;
  }

  Request prepare(Request request, int attempt, Exchange<?> exchange) {
    Headers headers =
        attempt < attemptHeaders.length ? attemptHeaders[attempt] : headersFor(attempt);
    if (request.headers().size() > 0) { // Retrofit's own (none, for the specs we have): keep them
      headers = request.headers().newBuilder().addAll(headers).build();
    }
    return request.newBuilder().headers(headers).tag(Exchange.class, exchange).build();
  }

  private Headers headersFor(int attempt) {
    return new Headers.Builder()
        .add("Authorization", endpoint.authorization())
        .add("User-Agent", userAgent)
        .add("Accept", "application/json")
        .add(RetryPolicy.ATTEMPT_HEADER, Integer.toString(attempt))
        .build();
  }

  /** The request in a message: its method and URL, a URL cut after {@link SafeText#MAX_QUOTED}. */
  public static String describe(Request request) {
    return request.method() + " " + SafeText.cut(request.url().toString());
  }

  /**
   * A future for the user: completed on a callback thread, never on one the client needs, with
   * exactly the call's result or exception; cancelling it aborts the call and any pending retry.
   */
  public static <T> CompletableFuture<T> userFuture(InFlight<T> call) {
    CallFuture<T> user = new CallFuture<>(call);
    call.result()
        .whenComplete(
            (value, error) ->
                DaemonThreads.callbacks()
                    .execute(
                        () -> {
                          if (error == null) {
                            user.complete(value);
                          } else {
                            user.completeExceptionally(
                                error instanceof CompletionException ? error.getCause() : error);
                          }
                        }));
    return user;
  }

  /**
   * The unchecked exception OkHttp's dispatcher caught in an async call and handed on wrapped in an
   * {@code IOException("canceled due to ...")}, or null if {@code e} is an ordinary failure.
   */
  public static RuntimeException uncheckedFromBelow(IOException e) {
    if (e.getClass() == IOException.class
        && e.getMessage() != null
        && e.getMessage().startsWith("canceled due to ")
        && e.getSuppressed().length > 0
        && e.getSuppressed()[0] instanceof RuntimeException r) {
      return r;
    }
    return null;
  }

  static Duration longer(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  static RuntimeException unchecked(Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IllegalStateException(t);
  }
}
