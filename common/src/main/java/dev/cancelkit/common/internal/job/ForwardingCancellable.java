package dev.cancelkit.common.internal.job;

import dev.cancelkit.common.BulkOptions;
import dev.cancelkit.common.CancelOutcome;
import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.Cancellable;
import dev.cancelkit.common.JobStatus;
import dev.cancelkit.common.internal.client.Origin;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A provider's own kind of job that adds operations to one {@link CancelOperation} (Together's
 * queue its {@code clear}, Archetype's fine-tunes their graceful stop) and forwards the rest to it,
 * written once here rather than once per provider.
 *
 * @param <R> the generated model of the provider's answer
 */
public abstract class ForwardingCancellable<R> implements Cancellable<R>, JobKind {
  /** The operation every call of the {@link Cancellable} contract goes to. */
  protected final CancelOperation<R> delegate;

  protected ForwardingCancellable(CancelOperation<R> delegate) {
    this.delegate = delegate;
  }

  @Override
  public CancelResult<R> cancel(String jobId) {
    return delegate.cancel(jobId);
  }

  @Override
  public CompletableFuture<CancelResult<R>> cancelAsync(String jobId) {
    return delegate.cancelAsync(jobId);
  }

  @Override
  public JobStatus<R> status(String jobId) {
    return delegate.status(jobId);
  }

  @Override
  public CancelResult<R> cancelAndAwait(
      String jobId, Duration maxWait, Consumer<CancelResult<R>> onChange) {
    return delegate.cancelAndAwait(jobId, maxWait, onChange);
  }

  @Override
  public List<CancelOutcome<R>> cancelAll(Collection<String> jobIds, BulkOptions options) {
    return delegate.cancelAll(jobIds, options);
  }

  @Override
  public void cancelEach(
      Iterable<String> jobIds, BulkOptions options, Consumer<? super CancelOutcome<R>> onOutcome) {
    delegate.cancelEach(jobIds, options, onOutcome);
  }

  @Override
  public String provider() {
    return delegate.provider();
  }

  @Override
  public String kind() {
    return delegate.kind();
  }

  @Override
  public Origin origin() {
    return delegate.origin();
  }

  @Override
  public void checkId(String jobId) {
    delegate.checkId(jobId);
  }
}
