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
   * the jobs already handed out stay handed out. Every listing ends: a page that brings no job not
   * seen before (pages that cycle, paging parameters ignored), more than 100,000 distinct jobs or
   * 2,000 pages, or an unpaged answer of more than 1,000,000 jobs throws {@link
   * InvalidResponseException}; a job paged twice is handed out once.
   */
  Stream<JobStatus<R>> list();

  /**
   * The jobs that still run or wind down: ACTIVE and CANCELLING, in the order listed. They are held
   * in memory, at most 10,000 jobs and 16 MiB of their answer text (no account runs that many);
   * past either, the listing throws {@link InvalidResponseException}.
   */
  List<JobStatus<R>> active();
}
