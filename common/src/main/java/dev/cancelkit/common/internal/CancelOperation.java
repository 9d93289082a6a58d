package dev.cancelkit.common.internal;

import dev.cancelkit.common.CancelKitException;
import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.Cancellable;
import dev.cancelkit.common.TransportException;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A {@link Cancellable} over one generated Retrofit operation. Retrofit builds the request from the generated
 * interface (method, path, percent-encoded id, JSON body); each attempt runs on the client's OkHttp stack,
 * {@link RetryPolicy} decides whether to send it again, and {@link ResponseMapper} reads the answer.
 *
 * @param <R> the generated model of the provider's answer
 */
public final class CancelOperation<R> implements Cancellable<R> {
  private final ClientRuntime runtime;
  private final JobIdRule ids;
  private final Function<String, retrofit2.Call<R>> endpoint;
  private final ResponseMapper<R> mapper;

  /**
   * @param model the class the answer is parsed into
   * @param endpoint the generated operation, applied to a job id
   * @param resultStatuses non-2xx statuses whose documented body is the model (Together's queue: 409)
   */
  public CancelOperation(ClientRuntime runtime, Class<R> model, JobIdRule ids, StatusTable states,
      Function<String, retrofit2.Call<R>> endpoint, Set<Integer> resultStatuses) {
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    this.ids = Objects.requireNonNull(ids, "ids");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.mapper = new ResponseMapper<>(runtime, model, states, resultStatuses);
  }

  @Override
  public CancelResult<R> cancel(String jobId) {
    Request request = request(jobId);
    RetryPolicy policy = runtime.retryPolicy();
    for (int attempt = 1; ; attempt++) {
      Call call = runtime.http().newCall(attempt(request, attempt));
      Duration wait;
      try (Response response = call.execute()) {
        wait = RetryPolicy.retryableStatus(response.code())
            ? policy.nextDelay(attempt, RetryAfter.parse(response.headers(), runtime.clock()))
            : null;
        if (wait == null) {
          return mapper.map(jobId, response, attempt);
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
        Thread.currentThread().interrupt();
        throw new TransportException(runtime.provider() + ": interrupted while waiting to retry " + describe(request),
            e);
      }
    }
  }

  @Override
  public CompletableFuture<CancelResult<R>> cancelAsync(String jobId) {
    CallFuture<CancelResult<R>> future = new CallFuture<>();
    new AsyncAttempts(jobId, request(jobId), future).start(1);
    return future;
  }

  /** Runs attempts on OkHttp's dispatcher; waits between them are scheduled, so no thread blocks. */
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
      Call call = runtime.http().newCall(attempt(request, attempt));
      if (!future.inFlight(call)) {
        return; // the future was cancelled while the attempt waited
      }
      call.enqueue(new Callback() {
        @Override
        public void onFailure(Call c, IOException e) {
          if (future.isDone()) {
            return; // cancelled by the caller; a timeout also cancels the call, so c.isCanceled() says nothing
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
            Duration wait = RetryPolicy.retryableStatus(response.code())
                ? runtime.retryPolicy().nextDelay(attempt, RetryAfter.parse(response.headers(), runtime.clock()))
                : null;
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

  private Request request(String jobId) {
    ids.check(jobId);
    return endpoint.apply(jobId).request();
  }

  private static Request attempt(Request request, int attempt) {
    return request.newBuilder().header(RetryPolicy.ATTEMPT_HEADER, Integer.toString(attempt)).build();
  }

  private TransportException transportFailure(Request request, IOException e, int attempts) {
    String message = runtime.provider() + ": " + describe(request) + " failed: " + e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : ": " + e.getMessage())
        + (attempts > 1 ? "; gave up after " + attempts + " attempts" : "");
    return new TransportException(runtime.redact(message), e);
  }

  private static String describe(Request request) {
    return request.method() + " " + request.url();
  }

  @Override
  public String toString() {
    return "CancelOperation{" + runtime + "}";
  }
}
