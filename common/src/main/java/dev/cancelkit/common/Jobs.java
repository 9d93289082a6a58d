package dev.cancelkit.common;

import java.util.List;
import java.util.stream.Stream;

/**
 * A kind of job that can be listed as well as cancelled: Together's batches and fine-tunes,
 * Cerebras's batches, Archetype's fine-tune jobs.
 *
 * @param <R> the provider's model of the job
 */
public interface Jobs<R> extends Cancellable<R> {
  /**
   * Every job of this kind the key can see. Lazy: pages are fetched, and each answer is read, as
   * the stream is consumed, so memory stays flat however long the list is; consume it promptly
   * (each answer is read within the client's {@code timeout}) and close it if you stop early. A
   * list that fails part-way throws from the stream's terminal operation (the usual exceptions);
   * the jobs already handed out stay handed out.
   */
  Stream<JobStatus<R>> list();

  /** The jobs that still run or wind down: ACTIVE and CANCELLING, in the order listed. */
  List<JobStatus<R>> active();
}
