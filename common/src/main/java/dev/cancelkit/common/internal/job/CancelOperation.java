package dev.cancelkit.common.internal.job;

import dev.cancelkit.common.BulkOptions;
import dev.cancelkit.common.CancelKitException;
import dev.cancelkit.common.CancelOutcome;
import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.CancelState;
import dev.cancelkit.common.ConflictException;
import dev.cancelkit.common.JobState;
import dev.cancelkit.common.JobStatus;
import dev.cancelkit.common.Jobs;
import dev.cancelkit.common.TransportException;
import dev.cancelkit.common.internal.answer.CreationTime;
import dev.cancelkit.common.internal.answer.ResponseMapper;
import dev.cancelkit.common.internal.answer.ResponseMapper.Parsed;
import dev.cancelkit.common.internal.attempt.AttemptEngine;
import dev.cancelkit.common.internal.attempt.Deadline;
import dev.cancelkit.common.internal.attempt.Gate;
import dev.cancelkit.common.internal.attempt.InFlight;
import dev.cancelkit.common.internal.attempt.RequestTemplate;
import dev.cancelkit.common.internal.bulk.BulkRun;
import dev.cancelkit.common.internal.client.JobIdRule;
import dev.cancelkit.common.internal.client.Origin;
import dev.cancelkit.common.internal.runtime.ClientRuntime;
import dev.cancelkit.common.internal.text.SafeText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import okhttp3.Request;
import retrofit2.Call;

/**
 * A kind of job over its generated operations (cancel, read and, where the provider has one, list):
 * what an operation is (its id rule, its requests, how its answers read), with every call run by
 * the client's {@link AttemptEngine}.
 *
 * <p>One idea: every public operation of one kind of job (cancel, read, list, cancel-all, stop, the
 * 409 rule), each a few lines over the rooms below it.
 *
 * @param <R> the generated model of the provider's answer
 */
public final class CancelOperation<R> implements Jobs<R>, JobKind {
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
  private final JobLister<R> lister;
  private final String kind;

  /** What the jobs cost; null when the provider says nothing of it. */
  private final JobCosts<R, ?> costs;

  /** Whether a 409 is followed by a read (not where the 409 body is itself the result). */
  private final boolean readsAfterConflict;

  private CancelOperation(Builder<R> b) {
    this.runtime = b.runtime;
    this.engine = b.runtime.engine();
    this.ids = b.runtime.endpoint().spec().ids();
    this.states = Objects.requireNonNull(b.states, "states");
    this.cancels = new RequestTemplate(Objects.requireNonNull(b.cancel, "cancel"));
    this.reads = new RequestTemplate(Objects.requireNonNull(b.read, "read"));
    this.mapper =
        new ResponseMapper<>(
            runtime.endpoint(),
            runtime.bodies(),
            b.model,
            b.resultStatuses,
            false,
            b.createdAt,
            b.statusField);
    this.readMapper =
        new ResponseMapper<>(
            runtime.endpoint(),
            runtime.bodies(),
            b.model,
            Set.of(),
            true,
            b.createdAt,
            b.statusField);
    this.readsAfterConflict = !b.resultStatuses.contains(409);
    this.kind = b.kind;
    this.costs = b.costs;
    this.lister =
        b.list == null ? null : new JobLister<>(runtime, readMapper, states, b.list, b.costs);
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
    private ListSpec list;
    private String kind = "job";
    private CreationTime createdAt = CreationTime.ISO_8601;
    private String statusField = "status";
    private JobCosts<R, ?> costs;

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

    /** What the kill switch calls this kind of job: {@code batch}, {@code fine-tune}... */
    public Builder<R> kind(String kind) {
      this.kind = Objects.requireNonNull(kind, "kind");
      return this;
    }

    /** How this kind of job is listed; without it, {@code list()} is unsupported. */
    public Builder<R> list(ListSpec list) {
      this.list = list;
      return this;
    }

    /** What the jobs cost, where the provider says; without it, no figures. */
    public Builder<R> costs(JobCosts<R, ?> costs) {
      this.costs = costs;
      return this;
    }

    /** The model's field that holds the status ({@code status} unless said otherwise). */
    public Builder<R> statusField(String statusField) {
      this.statusField = Objects.requireNonNull(statusField, "statusField");
      return this;
    }

    /** How the document writes {@code created_at} (ISO 8601 text unless said otherwise). */
    public Builder<R> createdAt(CreationTime createdAt) {
      this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
      return this;
    }

    /** What each of the provider's statuses means for a cancel and for a read. */
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
    return cancelWithin(jobId, null);
  }

  @Override
  public CompletableFuture<CancelResult<R>> cancelAsync(String jobId) {
    engine.checkOpen();
    ids.check(jobId);
    return AttemptEngine.userFuture(new Cancelling(jobId, cancels.build(jobId), null, Gate.NONE));
  }

  @Override
  public JobStatus<R> status(String jobId) {
    engine.checkOpen();
    ids.check(jobId);
    Parsed<R> p = read(jobId, null);
    return JobLister.priced(
        new JobStatus<>(
            jobId,
            states.readStateOf(p.status()),
            p.status(),
            p.value(),
            p.createdAt(),
            p.requestId()),
        costs,
        null); // a read asks for no price list: usdPerHour comes with listings only
  }

  @Override
  public Stream<JobStatus<R>> list() {
    return lister().list(null);
  }

  @Override
  public List<JobStatus<R>> active() {
    JobLister<R> l = lister();
    List<String> live = null;
    if (l.filtersStatuses()) {
      live = new ArrayList<>(states.readStatuses(JobState.ACTIVE));
      live.addAll(states.readStatuses(JobState.CANCELLING));
    }
    return l.collect(live, j -> j.state().isLive());
  }

  private JobLister<R> lister() {
    if (lister == null) {
      throw new UnsupportedOperationException(
          "This kind of " + runtime.provider() + " job cannot be listed");
    }
    return lister;
  }

  /** Cancels, and reads the job once if the cancel is answered 409, within {@code deadline}. */
  private CancelResult<R> cancelWithin(String jobId, Deadline deadline) {
    Request request = cancels.build(jobId);
    try {
      return toResult(jobId, engine.execute(request, mapper::map, deadline));
    } catch (ConflictException conflict) {
      if (!readsAfterConflict) {
        throw conflict;
      }
      try {
        return afterConflict(jobId, read(jobId, deadline));
      } catch (TransportException e) {
        if (Thread.currentThread().isInterrupted()) { // as an interrupt during the cancel says
          throw engine.interrupted(true, AttemptEngine.describe(request));
        }
        conflict.addSuppressed(e);
        throw conflict;
      } catch (RuntimeException e) {
        conflict.addSuppressed(e);
        throw conflict;
      }
    }
  }

  /** One read of the job. */
  private Parsed<R> read(String jobId, Deadline deadline) {
    return engine.execute(reads.build(jobId), readMapper::map, deadline);
  }

  private CancelResult<R> toResult(String jobId, Parsed<R> p) {
    return new CancelResult<>(
        jobId, states.stateOf(p.status()), p.status(), p.value(), p.httpStatus(), p.requestId());
  }

  /** The result of a cancel answered 409: the state the read after it found, HTTP status 409. */
  private CancelResult<R> afterConflict(String jobId, Parsed<R> read) {
    return new CancelResult<>(
        jobId, states.stateOf(read.status()), read.status(), read.value(), 409, read.requestId());
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
    CancelResult<R> last = cancelWithin(jobId, cutOff);
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
        read = toResult(jobId, read(jobId, cutOff));
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
    return bulk(options).all(jobIds);
  }

  @Override
  public void cancelEach(
      Iterable<String> jobIds, BulkOptions options, Consumer<? super CancelOutcome<R>> onOutcome) {
    engine.checkOpen();
    Objects.requireNonNull(jobIds, "jobIds");
    bulk(options).each(jobIds.iterator(), onOutcome);
  }

  private BulkRun<R> bulk(BulkOptions options) {
    return new BulkRun<>(
        ids,
        (jobId, gate) -> new Cancelling(jobId, cancels.build(jobId), null, gate),
        runtime.provider(),
        engine.clock(),
        engine.timer(),
        options);
  }

  /**
   * One cancel in flight. A 409 (where it is not the documented result) means the job's state does
   * not allow the cancel: the job is then read once, and the result is what that read says, with
   * HTTP status 409; only if the read fails is the {@link ConflictException} thrown, the read's
   * failure attached.
   */
  private final class Cancelling implements InFlight<CancelResult<R>> {
    private final CompletableFuture<CancelResult<R>> result = new CompletableFuture<>();
    private final InFlight<Parsed<R>> cancel;
    private volatile InFlight<Parsed<R>> current;

    Cancelling(String jobId, Request request, Deadline deadline, Gate gate) {
      cancel = engine.exchange(request, mapper::map, deadline, gate);
      current = cancel;
      cancel
          .result()
          .whenComplete(
              (parsed, error) -> {
                if (error == null) {
                  result.complete(toResult(jobId, parsed));
                } else if (unwrap(error) instanceof ConflictException conflict
                    && readsAfterConflict) {
                  readAfter(jobId, conflict, deadline);
                } else {
                  result.completeExceptionally(unwrap(error));
                }
              });
    }

    private void readAfter(String jobId, ConflictException conflict, Deadline deadline) {
      InFlight<Parsed<R>> read =
          engine.exchange(reads.build(jobId), readMapper::map, deadline, Gate.NONE);
      current = read;
      read.result()
          .whenComplete(
              (parsed, error) -> {
                if (error == null) {
                  result.complete(afterConflict(jobId, parsed));
                } else {
                  conflict.addSuppressed(unwrap(error));
                  result.completeExceptionally(conflict);
                }
              });
      if (result.isDone()) {
        read.abort(new CancellationException()); // aborted while the cancel's answer was read
      }
    }

    @Override
    public CompletableFuture<CancelResult<R>> result() {
      return result;
    }

    @Override
    public boolean sent() {
      return cancel.sent();
    }

    @Override
    public boolean abort(Throwable t) {
      if (!result.completeExceptionally(t)) {
        return false;
      }
      current.abort(t);
      return true;
    }
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
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
  public String provider() {
    return runtime.provider();
  }

  @Override
  public void checkId(String jobId) {
    ids.check(jobId);
  }

  @Override
  public Origin origin() {
    return runtime.origin();
  }

  @Override
  public String kind() {
    return kind;
  }

  @Override
  public String toString() {
    return runtime.provider() + " " + kind + " jobs at " + runtime.baseUrl();
  }
}
