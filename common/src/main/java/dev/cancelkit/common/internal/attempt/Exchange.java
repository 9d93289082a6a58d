package dev.cancelkit.common.internal.attempt;

import dev.cancelkit.common.CancelKitException;
import dev.cancelkit.common.InvalidResponseException;
import dev.cancelkit.common.TransportException;
import dev.cancelkit.common.internal.client.DaemonThreads;
import dev.cancelkit.common.internal.text.SafeText;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One call: its attempts, the wait between them, and its result. Everything that ends it (an
 * answer, a failure, the deadline, an interrupt, the caller's cancel) completes {@link #result}
 * once; whatever comes later is ignored.
 *
 * <p>One idea: a call's life as one state machine (send, wait for a slot, answer, retry, abort),
 * whose states share one lock and one result; split, its transitions would be spread over files
 * that each hold half a race.
 */
public final class Exchange<T> implements InFlight<T>, InterruptWatch.Watched {
  private final AttemptEngine engine;
  private final Request request;
  private final AttemptEngine.AnswerReader<T> reader;
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
   * Pacing reads answers by it: a cold client's first requests wait for their connections, and the
   * provider counts them when they arrive.
   */
  private volatile Instant sentAt = Instant.EPOCH;

  private Future<?> pendingRetry;
  private Future<?> watchdog;
  private int attempts;
  private boolean cutByDeadline; // the attempt in flight ends with the deadline, not its timeout

  /** Whether any attempt's request reached a connection; set by {@link AttemptEngine#MARK_SENT}. */
  volatile boolean sent;

  /** The attempt in flight is about to be written to its connection. */
  void markSent() {
    sentAt = engine.clock.instant();
    sent = true;
  }

  /** Set while an answer is handed on piece by piece: a failure then ends the call. */
  volatile boolean retriesOff;

  Exchange(
      AttemptEngine engine,
      Request request,
      AttemptEngine.AnswerReader<T> reader,
      Deadline deadline,
      Gate gate,
      Thread owner) {
    this.engine = engine;
    this.request = request;
    this.reader = reader;
    this.deadline = deadline;
    this.gate = gate;
    this.owner = owner;
  }

  /**
   * Completes when the call is over: on one of OkHttp's threads for an async call, on the caller's
   * for a blocking one (or on the thread that aborted it).
   */
  @Override
  public CompletableFuture<T> result() {
    return result;
  }

  @Override
  public boolean sent() {
    return sent;
  }

  void begin() {
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
      Duration left = deadline.left(engine.clock);
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
      throw AttemptEngine.unchecked(e.getCause());
    }
  }

  @Override
  public void interrupted() {
    abort(engine.interrupted(sent, AttemptEngine.describe(request)));
  }

  /** Attempt {@code n}: sent now on an async call, handed to the owner on a blocking one. */
  private void attempt(int n) {
    if (owner == null) {
      if (engine.slots.takeOrQueue(() -> sendAsync(n))) {
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
    long callTimeout = engine.timeout.toMillis();
    boolean cut = false;
    if (deadline != null) {
      long left = deadline.left(engine.clock).toMillis();
      if (left <= 0) {
        fail(deadlinePassed(null));
        return null;
      }
      cut = left < callTimeout;
      callTimeout = Math.min(callTimeout, left);
    }
    Call c = engine.http.newCall(engine.prepare(request, n, this));
    c.timeout().timeout(Math.max(1, callTimeout), TimeUnit.MILLISECONDS);
    synchronized (this) {
      if (result.isDone()) {
        return null;
      }
      call = c;
      sentAt = engine.clock.instant();
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
      engine.slots.release();
      return;
    }
    c.enqueue(
        new Callback() {
          @Override
          public void onFailure(Call c, IOException e) {
            try {
              RuntimeException below = AttemptEngine.uncheckedFromBelow(e);
              if (below != null) {
                failedFromBelow(below);
              } else {
                failedSafely(n, e);
              }
            } finally {
              engine.slots.release();
            }
          }

          @Override
          public void onResponse(Call c, Response response) {
            try {
              answered(n, c, response);
            } finally {
              engine.slots.release();
            }
          }
        });
  }

  /** Sends attempt {@code n} on the owner's thread, once it has a slot, and reads its answer. */
  private void sendHere(int n) throws InterruptedException {
    synchronized (this) {
      turnCame = false;
    }
    boolean holding = engine.slots.takeOrQueue(ownersTurn);
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
        engine.slots.release();
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
          if (!engine.slots.withdraw(ownersTurn)) {
            engine.slots.release(); // granted just now
          }
          throw e;
        }
      }
      if (turnCame) {
        return true;
      }
    }
    return !engine.slots.withdraw(
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
        retryAfter = RetryAfter.parse(response.headers(), engine.clock);
        if (code == 429) {
          gate.rateLimited(
              retryAfter != null ? retryAfter : RetryPolicy.backoff(n), sentAt, response.headers());
        }
        String why = retryOrWhyNot(engine.policy.nextDelay(n, retryAfter), n);
        if (why == null) {
          return;
        }
        note = why.isEmpty() ? null : why;
      }
      result.complete(
          reader.read(response, new AttemptEngine.Answer(n, retryAfter, note, c, this)));
    } catch (IOException e) { // the body could not be read: as if the attempt failed
      failedSafely(n, e);
    } catch (CancelKitException | Error e) { // the reader's exception: the answer's meaning
      result.completeExceptionally(e);
    } catch (RuntimeException e) { // a bug below the reader: never hang, never leave raw
      result.completeExceptionally(
          new InvalidResponseException(
              engine.endpoint.scrub(
                  engine.endpoint.provider()
                      + ": the answer to "
                      + AttemptEngine.describe(request)
                      + " could not be read: "
                      + SafeText.cut(e.toString())),
              engine.endpoint.scrub(e)));
    }
  }

  /**
   * Ends the call with an unchecked exception thrown below it (OkHttp's authenticators, a user's
   * interceptor or event listener): a {@link TransportException} that says whether the request was
   * sent, the original as its scrubbed cause. Not retried: the same code would throw again.
   */
  private void failedFromBelow(RuntimeException e) {
    if (e instanceof CancelKitException k) {
      result.completeExceptionally(k);
      return;
    }
    String message =
        engine.endpoint.provider()
            + ": "
            + AttemptEngine.describe(request)
            + " failed below cancelkit: "
            + SafeText.cut(e.toString())
            + "; not retried; "
            + sentWords();
    result.completeExceptionally(
        new TransportException(engine.endpoint.scrub(message), engine.endpoint.scrub(e), sent));
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
        && (deadline.left(engine.clock).isZero() || (cut && e instanceof InterruptedIOException))) {
      fail(deadlinePassed(e));
      return;
    }
    String why = retryOrWhyNot(engine.policy.nextDelay(n, null), n);
    if (why != null) {
      fail(transportFailure(e, n, why.isEmpty() ? null : why));
    }
  }

  /**
   * Schedules attempt {@code n + 1} after {@code wait} (or the bulk run's pause, if longer) and
   * returns null; or returns why not: "" when retries are used up ({@code wait} is null), else the
   * note for the message.
   */
  private String retryOrWhyNot(Duration wait, int n) {
    if (wait == null) {
      return "";
    }
    if (retriesOff) {
      return "not retried: part of the answer was already handed on";
    }
    Duration w = AttemptEngine.longer(wait, gate.pause());
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
          + engine.endpoint.provider()
          + " asked this bulk run to wait "
          + Deadline.words(stopped);
    }
    if (deadline != null && deadline.left(engine.clock).compareTo(wait) <= 0) {
      return "not retried: waiting "
          + Deadline.words(wait)
          + " would pass "
          + deadline.what()
          + " ("
          + Deadline.words(deadline.left(engine.clock))
          + " left)";
    }
    return null;
  }

  private void retryAfter(Duration wait, int n) {
    later(wait, () -> retryInTurn(n, false));
  }

  /** Runs {@code step} after {@code wait}, unless the call has ended (or ends) before. */
  private void later(Duration wait, Runnable step) {
    Future<?> next = engine.timer.schedule(wait, step);
    synchronized (this) {
      if (!result.isDone()) {
        pendingRetry = next;
        return;
      }
    }
    next.cancel(false);
  }

  /**
   * Sends attempt {@code n + 1} when the bulk run lets it: after a pause that began meanwhile, then
   * in its own place in the run's pacing (a retry counts against the provider's rate as any request
   * does). Past the deadline it goes now, and the deadline ends it.
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
        && (deadline == null || deadline.left(engine.clock).compareTo(more) > 0)) {
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
            ? " timed out after "
                + Deadline.words(engine.timeout)
                + " (the timeout of each attempt)"
            : " failed: "
                + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage());
    String message =
        engine.endpoint.provider()
            + ": "
            + AttemptEngine.describe(request)
            + what
            + (n > 1 ? "; gave up after " + n + " attempts" : "")
            + (note == null ? "" : "; " + note)
            + "; "
            + sentWords();
    return new TransportException(engine.endpoint.scrub(message), engine.endpoint.scrub(e), sent);
  }

  private TransportException deadlinePassed(IOException e) {
    int n;
    synchronized (this) {
      n = attempts;
    }
    String message =
        engine.endpoint.provider()
            + ": "
            + AttemptEngine.describe(request)
            + " did not finish within "
            + deadline.what()
            + (n > 1 ? " (" + n + " attempts)" : "")
            + "; "
            + sentWords();
    return new TransportException(engine.endpoint.scrub(message), engine.endpoint.scrub(e), sent);
  }

  private String sentWords() {
    return engine.sentWords(sent, AttemptEngine.describe(request));
  }
}
