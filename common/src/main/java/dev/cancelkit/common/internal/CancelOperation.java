package dev.cancelkit.common.internal;

import dev.cancelkit.common.CancelKitException;
import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.Cancellable;
import dev.cancelkit.common.TransportException;
import java.io.IOException;
import java.time.Clock;
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
 * interface (method, path, percent-encoded id, JSON body); the call runs on the client's OkHttp stack, and
 * {@link ResponseMapper} reads the answer.
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
    this.mapper = new ResponseMapper<>(runtime, model, states, resultStatuses, Clock.systemUTC());
  }

  @Override
  public CancelResult<R> cancel(String jobId) {
    Call call = newCall(jobId);
    try (Response response = call.execute()) {
      return mapper.map(jobId, response);
    } catch (IOException e) {
      throw transportFailure(call.request(), e);
    }
  }

  @Override
  public CompletableFuture<CancelResult<R>> cancelAsync(String jobId) {
    Call call = newCall(jobId);
    CallFuture<CancelResult<R>> future = new CallFuture<>(call);
    call.enqueue(new Callback() {
      @Override
      public void onFailure(Call c, IOException e) {
        future.completeExceptionally(transportFailure(c.request(), e));
      }

      @Override
      public void onResponse(Call c, Response response) {
        try (response) {
          future.complete(mapper.map(jobId, response));
        } catch (IOException e) {
          future.completeExceptionally(transportFailure(c.request(), e));
        } catch (CancelKitException e) {
          future.completeExceptionally(e);
        } catch (RuntimeException | Error e) {
          future.completeExceptionally(e); // a bug; never leave the future hanging
        }
      }
    });
    return future;
  }

  private Call newCall(String jobId) {
    ids.check(jobId);
    Request request = endpoint.apply(jobId).request();
    return runtime.http().newCall(request);
  }

  private TransportException transportFailure(Request request, IOException e) {
    String message = runtime.provider() + ": " + request.method() + " " + request.url() + " failed: "
        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    return new TransportException(runtime.redact(message), e);
  }

  @Override
  public String toString() {
    return "CancelOperation{" + runtime + "}";
  }
}
