package dev.cancelkit.common.internal;

import dev.cancelkit.common.CancelKitException;
import dev.cancelkit.common.InvalidResponseException;
import dev.cancelkit.common.TransportException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
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
final class AttemptEngine {
  /** Reads the answer that ended a call's attempts: a result, or the exception it throws. */
  interface AnswerReader<T> {
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
  record Answer(int attempts, Duration retryAfter, String note, Call call, Exchange<?> exchange) {
    /**
     * From now on a failure to read this answer is not retried: part of it was already handed on (a
     * list's jobs), and a second answer would hand them on twice.
     */
    void noMoreRetries() {
      exchange.retriesOff = true;
    }
  }

  /** Marks each exchange whose request reaches a connection: from then on, it may have acted. */
  static final Interceptor MARK_SENT =
      chain -> {
        Exchange<?> exchange = chain.request().tag(Exchange.class);
        if (exchange != null) {
          exchange.markSent();
        }
        return chain.proceed(chain.request());
      };

  private final Endpoint endpoint;
  private final OkHttpClient http;
  private final RetryPolicy policy;
  private final Clock clock;
  private final RetryTimer timer;
  private final Duration timeout;
  private final Duration totalTimeout;
  private final String totalTimeoutWords; // for the message when it passes; made once
  private final String userAgent;
  private final Slots slots;

  /** The headers of attempt n, made once: every request of this client carries the same ones. */
  private final Headers[] attemptHeaders;

  private volatile boolean closed;

  AttemptEngine(Endpoint endpoint, OkHttpClient http, ClientOptions options) {
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
  <T> T execute(Request request, AnswerReader<T> reader, Deadline deadline) {
    checkOpen();
    checkNotInterrupted(describe(request));
    Exchange<T> exchange =
        new Exchange<>(request, reader, callDeadline(deadline), Gate.NONE, Thread.currentThread());
    exchange.begin();
    return exchange.drive();
  }

  /** Throws, without sending anything, if the calling thread is already interrupted. */
  void checkNotInterrupted(String what) {
    if (Thread.currentThread().isInterrupted()) {
      throw new TransportException(
          endpoint.provider() + ": " + what + " not sent: the calling thread was interrupted",
          null,
          false);
    }
  }

  /** The exception of a call whose thread was interrupted. */
  TransportException interrupted(boolean sent, String what) {
    return new TransportException(
        endpoint.provider() + ": " + what + " interrupted; " + sentWords(sent, what), null, sent);
  }

  /** What a call that got no answer may have done at the provider, in words. */
  private String sentWords(boolean sent, String what) {
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
  <T> CompletableFuture<T> executeAsync(Request request, AnswerReader<T> reader) {
    checkOpen();
    return exchange(request, reader, null, Gate.NONE).userFuture();
  }

  /**
   * Starts one call without the open check: {@link #execute} and {@link #executeAsync} made it, and
   * a bulk run made it when it began (its later calls go on, as calls in flight do after {@code
   * close()}).
   */
  <T> Exchange<T> exchange(Request request, AnswerReader<T> reader, Deadline deadline, Gate gate) {
    Exchange<T> exchange = new Exchange<>(request, reader, callDeadline(deadline), gate, null);
    exchange.begin();
    return exchange;
  }

  private Deadline callDeadline(Deadline deadline) {
    return Deadline.earlier(deadline, Deadline.after(clock, totalTimeout, totalTimeoutWords));
  }

  void checkOpen() {
    if (closed) {
      throw new IllegalStateException(
          "This " + endpoint.provider() + " client is closed; build a new one");
    }
  }

  boolean isClosed() {
    return closed;
  }

  /** New calls are refused from now on; calls in flight finish. */
  void close() {
    closed = true;
  }

  Clock clock() {
    return clock;
  }

  RetryTimer timer() {
    return timer;
  }

  Slots slots() {
    return slots;
  }

  private Request prepare(Request request, int attempt, Exchange<?> exchange) {
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
  static String describe(Request request) {
    return request.method() + " " + SafeText.cut(request.url().toString());
  }

  /**
   * One call: its attempts, the wait between them, and its result. Everything that ends it (an
   * answer, a failure, the deadline, an interrupt, the caller's cancel) completes {@link #result}
   * once; whatever comes later is ignored.
   */
  final class Exchange<T> implements InFlight<T>, InterruptWatch.Watched {
    private final Request request;
    private final AnswerReader<T> reader;
    private final Deadline deadline;
    private final Gate gate;
    private final Thread owner; // sends every attempt of a blocking call; null for async
    private final Slots.Waiter ownersTurn = this::ownersTurn;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private int posted; // the attempt the owner is to send next; 0 if none
    private boolean turnCame;
    private Call call;

    /**
     * When the attempt in flight reached its connection (until then: when it was handed to OkHttp).
     * Pacing reads answers by it: a cold client's first requests wait for their connections, and
     * the provider counts them when they arrive.
     */
    private volatile Instant sentAt = Instant.EPOCH;

    private Future<?> pendingRetry;
    private Future<?> watchdog;
    private int attempts;
    private boolean cutByDeadline; // the attempt in flight ends with the deadline, not its timeout

    /** Whether any attempt's request reached a connection; set by {@link #MARK_SENT}. */
    volatile boolean sent;

    /** The attempt in flight is about to be written to its connection. */
    void markSent() {
      sentAt = clock.instant();
      sent = true;
    }

    /** Set while an answer is handed on piece by piece: a failure then ends the call. */
    volatile boolean retriesOff;

    private Exchange(
        Request request, AnswerReader<T> reader, Deadline deadline, Gate gate, Thread owner) {
      this.request = request;
      this.reader = reader;
      this.deadline = deadline;
      this.gate = gate;
      this.owner = owner;
    }

    /**
     * Completes when the call is over: on one of OkHttp's threads for an async call, on the
     * caller's for a blocking one (or on the thread that aborted it).
     */
    @Override
    public CompletableFuture<T> result() {
      return result;
    }

    @Override
    public boolean sent() {
      return sent;
    }

    private void begin() {
      result.whenComplete(
          (value, error) -> {
            stopTimers();
            if (owner != null) {
              synchronized (this) {
                notifyAll();
              }
            }
          });
      if (deadline != null) {
        Duration left = deadline.left(clock);
        Future<?> w =
            DaemonThreads.scheduler()
                .schedule(() -> abort(deadlinePassed(null)), left.toNanos(), TimeUnit.NANOSECONDS);
        synchronized (this) {
          watchdog = w;
        }
        if (result.isDone()) {
          w.cancel(false);
        }
      }
      attempt(1);
    }

    /**
     * The owner's loop: sends each attempt it is given, here, until the call is over; returns its
     * value or throws its exception. An interrupt while waiting ends the call at once, as one in a
     * send does through {@link InterruptWatch}; the interrupt flag stays set.
     */
    T drive() {
      try {
        while (true) {
          int n;
          synchronized (this) {
            while (posted == 0 && !result.isDone()) {
              wait();
            }
            if (result.isDone()) {
              break;
            }
            n = posted;
            posted = 0;
          }
          sendHere(n);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        interrupted();
      }
      try {
        return result.getNow(null);
      } catch (CompletionException e) {
        throw unchecked(e.getCause());
      }
    }

    @Override
    public void interrupted() {
      abort(AttemptEngine.this.interrupted(sent, describe(request)));
    }

    /** Attempt {@code n}: sent now on an async call, handed to the owner on a blocking one. */
    private void attempt(int n) {
      if (owner == null) {
        if (slots.takeOrQueue(() -> sendAsync(n))) {
          sendAsync(n);
        }
        return;
      }
      synchronized (this) {
        posted = n;
        notifyAll();
      }
    }

    /** The call of attempt {@code n}, or null if the call is over (or its deadline passed). */
    private Call newAttempt(int n) {
      if (result.isDone()) {
        return null;
      }
      long callTimeout = timeout.toMillis();
      boolean cut = false;
      if (deadline != null) {
        long left = deadline.left(clock).toMillis();
        if (left <= 0) {
          fail(deadlinePassed(null));
          return null;
        }
        cut = left < callTimeout;
        callTimeout = Math.min(callTimeout, left);
      }
      Call c = http.newCall(prepare(request, n, this));
      c.timeout().timeout(Math.max(1, callTimeout), TimeUnit.MILLISECONDS);
      synchronized (this) {
        if (result.isDone()) {
          return null;
        }
        call = c;
        sentAt = clock.instant();
        pendingRetry = null;
        attempts = n;
        cutByDeadline = cut;
      }
      return c;
    }

    /**
     * Hands attempt {@code n}, which holds a slot, to OkHttp's dispatcher; the slot goes back with
     * it.
     */
    private void sendAsync(int n) {
      Call c = newAttempt(n);
      if (c == null) {
        slots.release();
        return;
      }
      c.enqueue(
          new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
              try {
                RuntimeException below = uncheckedFromBelow(e);
                if (below != null) {
                  failedFromBelow(below);
                } else {
                  failedSafely(n, e);
                }
              } finally {
                slots.release();
              }
            }

            @Override
            public void onResponse(Call c, Response response) {
              try {
                answered(n, c, response);
              } finally {
                slots.release();
              }
            }
          });
    }

    /** Sends attempt {@code n} on the owner's thread, once it has a slot, and reads its answer. */
    private void sendHere(int n) throws InterruptedException {
      synchronized (this) {
        turnCame = false;
      }
      boolean holding = slots.takeOrQueue(ownersTurn);
      try {
        if (!holding) {
          holding = awaitTurn();
        }
        Call c = holding ? newAttempt(n) : null;
        if (c == null) {
          return;
        }
        InterruptWatch.watch(this, owner); // through the body's read too
        try {
          Response response;
          try {
            response = c.execute();
          } catch (IOException e) {
            failedSafely(n, e);
            return;
          } catch (RuntimeException e) { // an authenticator, an interceptor, a listener...
            failedFromBelow(e);
            return;
          }
          answered(n, c, response);
        } finally {
          InterruptWatch.unwatch(this);
        }
      } finally {
        if (holding) {
          slots.release();
        }
      }
    }

    private void ownersTurn() {
      synchronized (this) {
        turnCame = true;
        notifyAll();
      }
    }

    /** Waits for a slot; false if the call ended first (and holds none). */
    private boolean awaitTurn() throws InterruptedException {
      synchronized (this) {
        while (!turnCame && !result.isDone()) {
          try {
            wait();
          } catch (InterruptedException e) {
            if (!slots.withdraw(ownersTurn)) {
              slots.release(); // granted just now
            }
            throw e;
          }
        }
        if (turnCame) {
          return true;
        }
      }
      return !slots.withdraw(
          ownersTurn); // granted just after the call ended: sendHere gives it back
    }

    private void answered(int n, Call c, Response response) {
      try (response) {
        if (result.isDone()) {
          return;
        }
        int code = response.code();
        Duration retryAfter = null;
        String note = null;
        if (code != 429) {
          gate.answered(sentAt, response.headers());
        }
        if (RetryPolicy.retryableStatus(code)) {
          retryAfter = RetryAfter.parse(response.headers(), clock);
          if (code == 429) {
            gate.rateLimited(
                retryAfter != null ? retryAfter : RetryPolicy.backoff(n),
                sentAt,
                response.headers());
          }
          String why = retryOrWhyNot(policy.nextDelay(n, retryAfter), n);
          if (why == null) {
            return;
          }
          note = why.isEmpty() ? null : why;
        }
        result.complete(reader.read(response, new Answer(n, retryAfter, note, c, this)));
      } catch (IOException e) { // the body could not be read: as if the attempt failed
        failedSafely(n, e);
      } catch (CancelKitException | Error e) { // the reader's exception: the answer's meaning
        result.completeExceptionally(e);
      } catch (RuntimeException e) { // a bug below the reader: never hang, never leave raw
        result.completeExceptionally(
            new InvalidResponseException(
                endpoint.scrub(
                    endpoint.provider()
                        + ": the answer to "
                        + describe(request)
                        + " could not be read: "
                        + SafeText.cut(e.toString())),
                endpoint.scrub(e)));
      }
    }

    /**
     * Ends the call with an unchecked exception thrown below it (OkHttp's authenticators, a user's
     * interceptor or event listener): a {@link TransportException} that says whether the request
     * was sent, the original as its scrubbed cause. Not retried: the same code would throw again.
     */
    private void failedFromBelow(RuntimeException e) {
      if (e instanceof CancelKitException k) {
        result.completeExceptionally(k);
        return;
      }
      String message =
          endpoint.provider()
              + ": "
              + describe(request)
              + " failed below cancelkit: "
              + SafeText.cut(e.toString())
              + "; not retried; "
              + sentWords();
      result.completeExceptionally(
          new TransportException(endpoint.scrub(message), endpoint.scrub(e), sent));
    }

    private void failedSafely(int n, IOException e) {
      if (owner != null && owner.isInterrupted()) {
        interrupted(); // okio saw the caller's interrupt before the watch did
        return;
      }
      try {
        failed(n, e);
      } catch (RuntimeException | Error bug) { // never leave the call hanging
        result.completeExceptionally(bug);
      }
    }

    private void failed(int n, IOException e) {
      if (result.isDone()) {
        return; // ended already: cancelled, interrupted, or past its deadline
      }
      boolean cut;
      synchronized (this) {
        cut = cutByDeadline;
      }
      if (deadline != null
          && (deadline.left(clock).isZero() || (cut && e instanceof InterruptedIOException))) {
        fail(deadlinePassed(e));
        return;
      }
      String why = retryOrWhyNot(policy.nextDelay(n, null), n);
      if (why != null) {
        fail(transportFailure(e, n, why.isEmpty() ? null : why));
      }
    }

    /**
     * Schedules attempt {@code n + 1} after {@code wait} (or the bulk run's pause, if longer) and
     * returns null; or returns why not: "" when retries are used up ({@code wait} is null), else
     * the note for the message.
     */
    private String retryOrWhyNot(Duration wait, int n) {
      if (wait == null) {
        return "";
      }
      if (retriesOff) {
        return "not retried: part of the answer was already handed on";
      }
      Duration w = longer(wait, gate.pause());
      String why = whyNotRetry(w);
      if (why == null) {
        retryAfter(w, n);
      }
      return why;
    }

    /** Why a retry after {@code wait} is not sent, or null if it is. */
    private String whyNotRetry(Duration wait) {
      Duration stopped = gate.stoppedFor();
      if (stopped != null) {
        return "not retried: "
            + endpoint.provider()
            + " asked this bulk run to wait "
            + Deadline.words(stopped);
      }
      if (deadline != null && deadline.left(clock).compareTo(wait) <= 0) {
        return "not retried: waiting "
            + Deadline.words(wait)
            + " would pass "
            + deadline.what()
            + " ("
            + Deadline.words(deadline.left(clock))
            + " left)";
      }
      return null;
    }

    private void retryAfter(Duration wait, int n) {
      later(wait, () -> retryInTurn(n, false));
    }

    /** Runs {@code step} after {@code wait}, unless the call has ended (or ends) before. */
    private void later(Duration wait, Runnable step) {
      Future<?> next = timer.schedule(wait, step);
      synchronized (this) {
        if (!result.isDone()) {
          pendingRetry = next;
          return;
        }
      }
      next.cancel(false);
    }

    /**
     * Sends attempt {@code n + 1} when the bulk run lets it: after a pause that began meanwhile,
     * then in its own place in the run's pacing (a retry counts against the provider's rate as any
     * request does). Past the deadline it goes now, and the deadline ends it.
     */
    private void retryInTurn(int n, boolean placed) {
      if (result.isDone()) {
        return;
      }
      Duration pause = gate.pause();
      boolean paused = !pause.isZero();
      Duration more = paused ? pause : placed ? Duration.ZERO : gate.reserve();
      if (!more.isZero()
          && gate.stoppedFor() == null
          && (deadline == null || deadline.left(clock).compareTo(more) > 0)) {
        later(more, () -> retryInTurn(n, !paused));
        return;
      }
      attempt(n + 1);
    }

    private void fail(Throwable t) {
      result.completeExceptionally(t);
    }

    /**
     * Ends the call from outside (interrupt, deadline, the caller's cancel): the call in flight is
     * cancelled. False if it had already ended.
     */
    @Override
    public boolean abort(Throwable t) {
      if (!result.completeExceptionally(t)) {
        return false;
      }
      Call c;
      synchronized (this) {
        c = call;
      }
      if (c != null) {
        c.cancel();
      }
      return true;
    }

    private void stopTimers() {
      Future<?> retry;
      Future<?> w;
      synchronized (this) {
        retry = pendingRetry;
        w = watchdog;
      }
      if (retry != null) {
        retry.cancel(false);
      }
      if (w != null) {
        w.cancel(false);
      }
    }

    /** A future for the user: see {@link AttemptEngine#userFuture}. */
    CompletableFuture<T> userFuture() {
      return AttemptEngine.userFuture(this);
    }

    private TransportException transportFailure(IOException e, int n, String note) {
      String what =
          e instanceof InterruptedIOException // the read timeout and the call timeout race
              ? " timed out after " + Deadline.words(timeout) + " (the timeout of each attempt)"
              : " failed: "
                  + e.getClass().getSimpleName()
                  + (e.getMessage() == null ? "" : ": " + e.getMessage());
      String message =
          endpoint.provider()
              + ": "
              + describe(request)
              + what
              + (n > 1 ? "; gave up after " + n + " attempts" : "")
              + (note == null ? "" : "; " + note)
              + "; "
              + sentWords();
      return new TransportException(endpoint.scrub(message), endpoint.scrub(e), sent);
    }

    private TransportException deadlinePassed(IOException e) {
      int n;
      synchronized (this) {
        n = attempts;
      }
      String message =
          endpoint.provider()
              + ": "
              + describe(request)
              + " did not finish within "
              + deadline.what()
              + (n > 1 ? " (" + n + " attempts)" : "")
              + "; "
              + sentWords();
      return new TransportException(endpoint.scrub(message), endpoint.scrub(e), sent);
    }

    private String sentWords() {
      return AttemptEngine.this.sentWords(sent, describe(request));
    }
  }

  /**
   * A future for the user: completed on a callback thread, never on one the client needs, with
   * exactly the call's result or exception; cancelling it aborts the call and any pending retry.
   */
  static <T> CompletableFuture<T> userFuture(InFlight<T> call) {
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
  static RuntimeException uncheckedFromBelow(IOException e) {
    if (e.getClass() == IOException.class
        && e.getMessage() != null
        && e.getMessage().startsWith("canceled due to ")
        && e.getSuppressed().length > 0
        && e.getSuppressed()[0] instanceof RuntimeException r) {
      return r;
    }
    return null;
  }

  private static Duration longer(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static RuntimeException unchecked(Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IllegalStateException(t);
  }
}
