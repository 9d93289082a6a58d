package dev.cancelkit.common.internal;

import dev.cancelkit.common.BulkOptions;
import dev.cancelkit.common.CancelKitException;
import dev.cancelkit.common.CancelOutcome;
import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.CancelState;
import dev.cancelkit.common.Cancellable;
import dev.cancelkit.common.TransportException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A {@link Cancellable} over one generated Retrofit operation (and the provider's read operation,
 * for waiting). Retrofit builds the request from the generated interface (method, path,
 * percent-encoded id, JSON body); each attempt runs on the client's OkHttp stack, {@link
 * RetryPolicy} decides whether to send it again, and {@link ResponseMapper} reads the answer.
 *
 * @param <R> the generated model of the provider's answer
 */
public final class CancelOperation<R> implements Cancellable<R> {
  /** The first pause between reads while waiting; it doubles up to {@link #MAX_POLL}. */
  static final Duration FIRST_POLL = Duration.ofMillis(500);

  static final Duration MAX_POLL = Duration.ofSeconds(5);

  private final ClientRuntime runtime;
  private final JobIdRule ids;
  private final StatusTable states;
  private final RequestTemplate cancels;
  private final RequestTemplate reads;
  private final ResponseMapper<R> mapper;
  private final ResponseMapper<R> readMapper;

  /**
   * @param model the class the answers are parsed into
   * @param endpoint the generated cancel operation, applied to a job id
   * @param resultStatuses non-2xx statuses whose documented body is the model (Together's queue:
   *     409)
   * @param reader the generated read operation, applied to a job id; its body is read into {@code
   *     model}
   */
  public CancelOperation(
      ClientRuntime runtime,
      Class<R> model,
      JobIdRule ids,
      StatusTable states,
      Function<String, retrofit2.Call<R>> endpoint,
      Set<Integer> resultStatuses,
      Function<String, ? extends retrofit2.Call<?>> reader) {
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    this.ids = Objects.requireNonNull(ids, "ids");
    this.states = Objects.requireNonNull(states, "states");
    this.cancels = new RequestTemplate(Objects.requireNonNull(endpoint, "endpoint"));
    this.reads = new RequestTemplate(Objects.requireNonNull(reader, "reader"));
    this.mapper = new ResponseMapper<>(runtime, model, states, resultStatuses, false);
    this.readMapper = new ResponseMapper<>(runtime, model, states, Set.of(), true);
  }

  @Override
  public CancelResult<R> cancel(String jobId) {
    ids.check(jobId);
    return send(jobId, cancels.build(jobId), mapper, Gate.NONE);
  }

  @Override
  public CompletableFuture<CancelResult<R>> cancelAsync(String jobId) {
    ids.check(jobId);
    CallFuture<CancelResult<R>> future = new CallFuture<>();
    new AsyncAttempts(jobId, cancels.build(jobId), future).start(1);
    return future;
  }

  @Override
  public CancelResult<R> status(String jobId) {
    ids.check(jobId);
    return send(jobId, reads.build(jobId), readMapper, Gate.NONE);
  }

  @Override
  public CancelResult<R> cancelAndAwait(
      String jobId, Duration maxWait, Consumer<CancelResult<R>> onChange) {
    Objects.requireNonNull(maxWait, "maxWait");
    Objects.requireNonNull(onChange, "onChange");
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait must not be negative: " + maxWait);
    }
    Instant deadline = runtime.clock().instant().plus(maxWait);
    CancelResult<R> last = cancel(jobId);
    onChange.accept(last);
    boolean accepted =
        last.state() == CancelState.CANCELLING || last.state() == CancelState.CANCELLED;
    Duration poll = FIRST_POLL;
    while (last.state() != CancelState.CANCELLED && last.state() != CancelState.NOT_CANCELLABLE) {
      Duration left = Duration.between(runtime.clock().instant(), deadline);
      if (left.isNegative() || left.isZero()) {
        break;
      }
      try {
        runtime.retryTimer().sleep(poll.compareTo(left) < 0 ? poll : left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      poll = poll.multipliedBy(2).compareTo(MAX_POLL) < 0 ? poll.multipliedBy(2) : MAX_POLL;
      CancelResult<R> read;
      try {
        read = status(jobId);
      } catch (CancelKitException e) {
        break; // the cancel was sent and answered; what we cannot read further we report as last
        // seen
      }
      if (accepted
          && read.state() != CancelState.CANCELLED
          && states.isRunning(read.providerStatus())) {
        read =
            new CancelResult<>(
                jobId,
                CancelState.CANCELLING,
                read.providerStatus(),
                read.response(),
                read.httpStatus(),
                read.requestId().orElse(null));
      }
      if (!Objects.equals(read.providerStatus(), last.providerStatus())) {
        onChange.accept(read);
      }
      last = read;
    }
    return last;
  }

  @Override
  public List<CancelOutcome<R>> cancelAll(Collection<String> jobIds, BulkOptions options) {
    return new BulkRun<>(this, ids, jobIds, options).run();
  }

  /**
   * One cancel of a batch: its attempts wait at the batch's gate, and its 429s close it for
   * everyone.
   */
  CancelOutcome<R> cancelInBatch(String jobId, Gate gate) {
    try {
      return CancelOutcome.of(send(jobId, cancels.build(jobId), mapper, gate));
    } catch (CancelKitException e) {
      return CancelOutcome.failed(jobId, e);
    }
  }

  ClientRuntime runtime() {
    return runtime;
  }

  /** Sends {@code request} until it gets an answer that is not retried, and maps that answer. */
  private CancelResult<R> send(
      String jobId, Request request, ResponseMapper<R> answers, Gate gate) {
    RetryPolicy policy = runtime.retryPolicy();
    for (int attempt = 1; ; attempt++) {
      Duration wait;
      try {
        gate.awaitTurn();
      } catch (InterruptedException e) {
        throw interrupted(request, e);
      }
      Call call = runtime.http().newCall(runtime.prepare(request, attempt));
      try (Response response = call.execute()) {
        wait = retryWait(response, attempt);
        if (response.code() == 429) {
          Duration asked = RetryAfter.parse(response.headers(), runtime.clock());
          gate.rateLimited(
              wait != null ? wait : asked != null ? asked : RetryPolicy.backoff(attempt));
        }
        if (wait == null) {
          return answers.map(jobId, response, attempt);
        }
      } catch (IOException e) {
        wait = policy.nextDelay(attempt, null);
        if (wait == null) {
          throw transportFailure(request, e, attempt);
        }
      }
      try {
        runtime.retryTimer().sleep(wait);
      } catch (InterruptedException e) {
        throw interrupted(request, e);
      }
    }
  }

  /**
   * Runs attempts on OkHttp's dispatcher; waits between them are scheduled, so no thread blocks.
   */
  private final class AsyncAttempts {
    private final String jobId;
    private final Request request;
    private final CallFuture<CancelResult<R>> future;

    AsyncAttempts(String jobId, Request request, CallFuture<CancelResult<R>> future) {
      this.jobId = jobId;
      this.request = request;
      this.future = future;
    }

    void start(int attempt) {
      Call call = runtime.http().newCall(runtime.prepare(request, attempt));
      if (!future.inFlight(call)) {
        return; // the future was cancelled while the attempt waited
      }
      call.enqueue(
          new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
              if (future.isDone()) {
                return; // cancelled by the caller; a timeout also cancels the call, so
                // c.isCanceled() says nothing
              }
              Duration wait = runtime.retryPolicy().nextDelay(attempt, null);
              if (wait == null) {
                future.completeExceptionally(transportFailure(request, e, attempt));
              } else {
                retryAfter(wait, attempt);
              }
            }

            @Override
            public void onResponse(Call c, Response response) {
              try (response) {
                Duration wait = retryWait(response, attempt);
                if (wait != null) {
                  retryAfter(wait, attempt);
                } else {
                  future.complete(mapper.map(jobId, response, attempt));
                }
              } catch (IOException e) {
                onFailure(c, e);
              } catch (CancelKitException e) {
                future.completeExceptionally(e);
              } catch (RuntimeException | Error e) {
                future.completeExceptionally(e); // a bug; never leave the future hanging
              }
            }
          });
    }

    private void retryAfter(Duration wait, int attempt) {
      future.waiting(runtime.retryTimer().schedule(wait, () -> start(attempt + 1)));
    }
  }

  /**
   * How long to wait before sending again after this answer, or null when the answer is final: not
   * a retryable status, retries used up, or a {@code Retry-After} too long to wait for.
   */
  private Duration retryWait(Response response, int attempt) {
    if (!RetryPolicy.retryableStatus(response.code())) {
      return null; // the common case: no header is read
    }
    return runtime
        .retryPolicy()
        .nextDelay(attempt, RetryAfter.parse(response.headers(), runtime.clock()));
  }

  private TransportException transportFailure(Request request, IOException e, int attempts) {
    String message =
        runtime.provider()
            + ": "
            + describe(request)
            + " failed: "
            + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage())
            + (attempts > 1 ? "; gave up after " + attempts + " attempts" : "");
    return new TransportException(runtime.redact(message), e);
  }

  private TransportException interrupted(Request request, InterruptedException e) {
    Thread.currentThread().interrupt();
    return new TransportException(
        runtime.provider() + ": interrupted while waiting to send " + describe(request), e);
  }

  private static String describe(Request request) {
    return request.method() + " " + request.url();
  }

  @Override
  public String toString() {
    return "CancelOperation{" + runtime + "}";
  }
}
