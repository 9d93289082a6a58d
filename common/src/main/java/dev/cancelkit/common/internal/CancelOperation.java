package dev.cancelkit.common.internal;

import dev.cancelkit.common.BulkOptions;
import dev.cancelkit.common.CancelKitException;
import dev.cancelkit.common.CancelOutcome;
import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.CancelState;
import dev.cancelkit.common.Cancellable;
import dev.cancelkit.common.TransportException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import retrofit2.Call;

/**
 * A {@link Cancellable} over one generated cancel operation and the provider's read operation: what
 * an operation is (its id rule, its requests, how its answers read), with every call run by the
 * client's {@link AttemptEngine}.
 *
 * @param <R> the generated model of the provider's answer
 */
public final class CancelOperation<R> implements Cancellable<R> {
  /** The first pause between reads while waiting; it doubles up to {@link #MAX_POLL}. */
  static final Duration FIRST_POLL = Duration.ofMillis(500);

  static final Duration MAX_POLL = Duration.ofSeconds(5);

  /**
   * How far past {@code maxWait} the cancel and the reads of a wait may run before they are cut
   * short, so that a wait of zero still sends its cancel; the whole wait stays within {@code
   * maxWait} + 1 s.
   */
  static final Duration WAIT_GRACE = Duration.ofMillis(500);

  private final ClientRuntime runtime;
  private final AttemptEngine engine;
  private final JobIdRule ids;
  private final StatusTable states;
  private final RequestTemplate cancels;
  private final RequestTemplate reads;
  private final ResponseMapper<R> mapper;
  private final ResponseMapper<R> readMapper;

  private CancelOperation(Builder<R> b) {
    this.runtime = b.runtime;
    this.engine = b.runtime.engine();
    this.ids = b.runtime.endpoint().spec().ids();
    this.states = Objects.requireNonNull(b.states, "states");
    this.cancels = new RequestTemplate(Objects.requireNonNull(b.cancel, "cancel"));
    this.reads = new RequestTemplate(Objects.requireNonNull(b.read, "read"));
    this.mapper = new ResponseMapper<>(runtime, b.model, states, b.resultStatuses, false);
    this.readMapper = new ResponseMapper<>(runtime, b.model, states, Set.of(), true);
  }

  /**
   * Starts wiring an operation whose answers are read into {@code model}; the provider's id rule
   * comes with the runtime.
   */
  public static <R> Builder<R> builder(ClientRuntime runtime, Class<R> model) {
    return new Builder<>(runtime, model);
  }

  /** Names what an operation is made of. */
  public static final class Builder<R> {
    private final ClientRuntime runtime;
    private final Class<R> model;
    private StatusTable states;
    private Function<String, ? extends Call<?>> cancel;
    private Function<String, ? extends Call<?>> read;
    private Set<Integer> resultStatuses = Set.of();

    private Builder(ClientRuntime runtime, Class<R> model) {
      this.runtime = Objects.requireNonNull(runtime, "runtime");
      this.model = Objects.requireNonNull(model, "model");
    }

    /** The generated cancel operation, applied to a job id. */
    public Builder<R> cancel(Function<String, ? extends Call<?>> cancel) {
      this.cancel = cancel;
      return this;
    }

    /** The generated read operation, applied to a job id; its body is read into the model. */
    public Builder<R> read(Function<String, ? extends Call<?>> read) {
      this.read = read;
      return this;
    }

    /** What each of the provider's statuses means for a cancel. */
    public Builder<R> states(StatusTable states) {
      this.states = states;
      return this;
    }

    /** Non-2xx statuses whose documented body is the result (Together's queue: 409). */
    public Builder<R> resultStatuses(Integer... codes) {
      this.resultStatuses = Set.of(codes);
      return this;
    }

    public CancelOperation<R> build() {
      return new CancelOperation<>(this);
    }
  }

  @Override
  public CancelResult<R> cancel(String jobId) {
    engine.checkOpen();
    ids.check(jobId);
    return send(jobId, cancels, mapper, null);
  }

  @Override
  public CompletableFuture<CancelResult<R>> cancelAsync(String jobId) {
    engine.checkOpen();
    ids.check(jobId);
    return engine.executeAsync(cancels.build(jobId), (r, a) -> mapper.map(jobId, r, a));
  }

  @Override
  public CancelResult<R> status(String jobId) {
    engine.checkOpen();
    ids.check(jobId);
    return send(jobId, reads, readMapper, null);
  }

  @Override
  public CancelResult<R> cancelAndAwait(
      String jobId, Duration maxWait, Consumer<CancelResult<R>> onChange) {
    Objects.requireNonNull(maxWait, "maxWait");
    Objects.requireNonNull(onChange, "onChange");
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait must not be negative: " + maxWait);
    }
    engine.checkOpen();
    ids.check(jobId);
    String what = "the wait of " + Deadline.words(maxWait);
    Deadline end = Deadline.after(engine.clock(), maxWait, what);
    Deadline cutOff = Deadline.after(engine.clock(), maxWait.plus(WAIT_GRACE), what);
    CancelResult<R> last = send(jobId, cancels, mapper, cutOff);
    onChange.accept(last);
    boolean accepted =
        last.state() == CancelState.CANCELLING || last.state() == CancelState.CANCELLED;
    Duration poll = FIRST_POLL;
    while (last.state() != CancelState.CANCELLED && last.state() != CancelState.NOT_CANCELLABLE) {
      Duration left = end.left(engine.clock());
      if (left.isZero() || engine.isClosed()) {
        break;
      }
      try {
        engine.timer().sleep(poll.compareTo(left) < 0 ? poll : left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw interruptedWhileWaiting(jobId, last, null);
      }
      poll = poll.multipliedBy(2).compareTo(MAX_POLL) < 0 ? poll.multipliedBy(2) : MAX_POLL;
      CancelResult<R> read;
      try {
        read = send(jobId, reads, readMapper, cutOff);
      } catch (CancelKitException e) {
        if (Thread.currentThread().isInterrupted()) {
          throw interruptedWhileWaiting(jobId, last, e);
        }
        break; // the cancel was sent and answered: what cannot be read further is reported as seen
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
    engine.checkOpen();
    return new BulkRun<>(
            ids,
            (jobId, gate) ->
                engine.exchange(
                    cancels.build(jobId), (r, a) -> mapper.map(jobId, r, a), null, gate),
            runtime.provider(),
            engine.clock(),
            engine.timer(),
            jobIds,
            options)
        .run();
  }

  private CancelResult<R> send(
      String jobId, RequestTemplate requests, ResponseMapper<R> answers, Deadline deadline) {
    return engine.execute(
        requests.build(jobId),
        (response, answer) -> answers.map(jobId, response, answer),
        deadline);
  }

  private TransportException interruptedWhileWaiting(
      String jobId, CancelResult<R> last, CancelKitException cause) {
    return new TransportException(
        runtime.provider()
            + ": interrupted while waiting for job "
            + SafeText.escape(jobId)
            + " to end; its cancel was sent and answered, last seen "
            + last.state()
            + " ("
            + SafeText.escape(last.providerStatus())
            + "): read the job's status to know more",
        cause,
        true);
  }

  @Override
  public String toString() {
    return "CancelOperation{" + runtime + "}";
  }
}
