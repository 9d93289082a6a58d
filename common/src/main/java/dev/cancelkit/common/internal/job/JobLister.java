package dev.cancelkit.common.internal.job;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import dev.cancelkit.common.CancelKitException;
import dev.cancelkit.common.InvalidResponseException;
import dev.cancelkit.common.JobStatus;
import dev.cancelkit.common.TransportException;
import dev.cancelkit.common.internal.answer.ResponseMapper;
import dev.cancelkit.common.internal.answer.ResponseMapper.Parsed;
import dev.cancelkit.common.internal.attempt.AttemptEngine;
import dev.cancelkit.common.internal.attempt.AttemptEngine.Answer;
import dev.cancelkit.common.internal.attempt.Gate;
import dev.cancelkit.common.internal.attempt.InFlight;
import dev.cancelkit.common.internal.runtime.ClientRuntime;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Okio;
import okio.Source;

/**
 * Lists one kind of job as a lazy stream. Each page is one call of the engine; its answer is read
 * as a stream on the thread that received it, one job at a time, and handed to the consuming thread
 * through a small {@link Handoff}: memory stays flat however long the answer, and the consumer
 * waits interruptibly. The next page is asked for only when the stream needs it.
 *
 * <p>One idea: one lazy list, page after page, with its guards against hostile pages (cycles,
 * repeats, a page that never ends) beside the paging they guard.
 */
final class JobLister<R> {
  /** The largest single job read from a list; a larger one is an invalid answer. */
  static final long MAX_JOB_BYTES = 16L << 20;

  /**
   * The most distinct jobs one paged listing hands on before it is stopped as failed. No real
   * account comes near: Together and Cerebras bound the batches an account may have queued in the
   * thousands. The ids seen are kept (to stop pages that cycle), and 100,000 ids of up to 256
   * characters still fit in a few tens of MiB.
   */
  static final int MAX_JOBS = 100_000;

  /**
   * The most jobs one unpaged answer hands on. Nothing is kept per job (an answer cannot cycle), so
   * memory stays flat whatever the bound; it only ends an answer that never does.
   */
  static final int MAX_UNPAGED_JOBS = 1_000_000;

  /**
   * The most pages one listing asks for: 1,000 full pages of 100 hold {@link #MAX_JOBS}; twice that
   * leaves room for pages that shift as jobs are created while the list is read.
   */
  static final int MAX_PAGES = 2_000;

  /**
   * The most jobs one listing keeps in a list ({@link #collect}): no account has this many jobs of
   * one kind running at once (Together and Cerebras bound the batches an account may have queued in
   * the thousands, fine-tunes run a few at a time).
   */
  static final int MAX_HELD = 10_000;

  /**
   * The most answer text the jobs one listing keeps may add up to: whatever each job holds, the
   * jobs kept stay within a few tens of MiB of heap (their models take about three times their
   * text).
   */
  static final long MAX_HELD_BYTES = 16L << 20;

  private final ClientRuntime runtime;
  private final AttemptEngine engine;
  private final ResponseMapper<R> mapper;
  private final StatusTable states;
  private final ListSpec spec;
  private final Duration patience;
  private final JobCosts<R, ?> costs;

  JobLister(
      ClientRuntime runtime,
      ResponseMapper<R> mapper,
      StatusTable states,
      ListSpec spec,
      JobCosts<R, ?> costs) {
    this.costs = costs;
    this.runtime = runtime;
    this.engine = runtime.engine();
    this.mapper = mapper;
    this.states = states;
    this.spec = spec;
    this.patience = runtime.timeout();
  }

  /**
   * Every job, or (where the server filters) only those in {@code statuses}.
   *
   * @param statuses null for every job
   */
  Stream<JobStatus<R>> list(List<String> statuses) {
    engine.checkOpen();
    Pages pages = new Pages(statuses);
    return StreamSupport.stream(pages, false).onClose(pages::close);
  }

  /**
   * The jobs of {@link #list} that {@code keep} accepts, in a list. Past {@link #MAX_HELD} jobs or
   * {@link #MAX_HELD_BYTES} of their text, the listing is stopped as failed: a list held in memory
   * stays bounded whatever the answer.
   */
  List<JobStatus<R>> collect(List<String> statuses, Predicate<? super JobStatus<R>> keep) {
    engine.checkOpen();
    Pages pages = new Pages(statuses);
    List<JobStatus<R>> held = new ArrayList<>();
    long[] bytes = {0};
    try {
      while (pages.tryAdvance(
          job -> {
            if (!keep.test(job)) {
              return;
            }
            bytes[0] += pages.handoff.lastTakenSize();
            if (held.size() >= MAX_HELD) {
              throw pages.stopped("more than " + MAX_HELD + " jobs kept");
            }
            if (bytes[0] > MAX_HELD_BYTES) {
              throw pages.stopped("more than " + (MAX_HELD_BYTES >> 20) + " MiB of jobs kept");
            }
            held.add(job);
          })) {
        // each job goes to the consumer above
      }
      return held;
    } finally {
      pages.close();
    }
  }

  /**
   * The price list of {@code costs}, or null: when it needs none, or when reading it failed (the
   * figures it gives are then left empty: a cost is a courtesy, never a reason to fail a listing).
   */
  static Object prices(JobCosts<?, ?> costs) {
    if (costs == null) {
      return null;
    }
    try {
      return costs.prices();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** {@code job} with what {@code costs} says it costs, given {@code prices}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static <R> JobStatus<R> priced(JobStatus<R> job, JobCosts<R, ?> costs, Object prices) {
    if (costs == null || job.job() == null) {
      return job;
    }
    java.math.BigDecimal spent;
    java.math.BigDecimal perHour;
    try {
      spent = costs.spentUsd(job.job());
      perHour = prices == null ? null : ((JobCosts) costs).usdPerHour(job.job(), prices);
    } catch (RuntimeException e) {
      return job; // a record the cost cannot be read from: no figure, the job as listed
    }
    if (spent == null && perHour == null) {
      return job;
    }
    return new JobStatus<>(
        job.jobId(),
        job.state(),
        job.providerStatus(),
        job.job(),
        job.createdAt().orElse(null),
        job.requestId().orElse(null),
        spent,
        perHour);
  }

  /** Whether the server can filter by status. */
  boolean filtersStatuses() {
    return spec.filtersStatuses();
  }

  /**
   * How one page ended: how many items it held, the last job's id, its {@code has_more}, and the
   * cursor of the next page (cursor paging).
   */
  private record PageEnd(
      int count, int kept, String lastId, Boolean hasMore, String cursor, Long total) {}

  /** The pages of one list, read as the stream asks for jobs. */
  private final class Pages extends Spliterators.AbstractSpliterator<JobStatus<R>> {
    private final List<String> statuses;
    // volatile: close() may come from another thread than the one reading (a stream's onClose)
    private volatile Handoff<JobStatus<R>> handoff;
    private volatile InFlight<PageEnd> page;
    private boolean more = true;
    private String after;
    private int offset;

    /** Every id a paged listing has handed on: a job is handed on once, however often paged. */
    private final Set<String> seen = new HashSet<>();

    /** The jobs handed on; in a paged listing, {@code seen.size()}. */
    private int handedOn;

    private int pages;
    private int newOnPage;

    /**
     * The price list, read once per listing, on the consuming thread, when a job first needs it.
     */
    private Object prices;

    private boolean pricesRead;

    Pages(List<String> statuses) {
      super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
      this.statuses = statuses;
    }

    /** One thread at a time: a stream shared by threads hands each job to one of them. */
    @Override
    public synchronized boolean tryAdvance(Consumer<? super JobStatus<R>> action) {
      while (true) {
        if (page == null) {
          if (!more) {
            return false;
          }
          start();
        }
        JobStatus<R> next;
        try {
          next = handoff.take();
        } catch (InterruptedException e) {
          close();
          Thread.currentThread().interrupt();
          throw new TransportException(
              runtime.provider() + ": interrupted while listing jobs", null, page.sent());
        }
        if (next != null) {
          if (paged() && !seen.add(next.jobId())) {
            continue; // paged twice (a page that shifted, a cycle): handed on once
          }
          if (++handedOn > jobBound()) {
            close();
            throw stopped("more than " + jobBound() + " jobs");
          }
          newOnPage++;
          if (costs != null) {
            if (!pricesRead) {
              pricesRead = true;
              prices = prices(costs);
            }
            next = priced(next, costs, prices);
          }
          action.accept(next);
          return true;
        }
        PageEnd end = ended();
        page = null;
        switch (spec.paging()) {
          case NONE -> more = false;
          case AFTER_ID -> {
            more = Boolean.TRUE.equals(end.hasMore()) && end.count() > 0;
            after = end.lastId();
          }
          case OFFSET -> {
            offset += end.count();
            more =
                end.count() > 0
                    && end.count() >= spec.pageSize()
                    && (end.total() == null || offset < end.total());
          }
          case CURSOR -> {
            more =
                Boolean.TRUE.equals(end.hasMore())
                    && end.count() > 0
                    && end.cursor() != null
                    && !end.cursor().isEmpty();
            after = end.cursor();
          }
        }
        if (more && newOnPage == 0 && end.kept() > 0) { // a page of skipped items is no cycle
          throw stopped(
              "page "
                  + pages
                  + " with no job not seen before (pages that cycle, or paging parameters ignored)");
        }
        if (more && pages >= MAX_PAGES) {
          throw stopped("more than " + MAX_PAGES + " pages");
        }
      }
    }

    /** The listing stops rather than go on for ever: a failure that says what was seen. */
    private InvalidResponseException stopped(String why) {
      more = false;
      return new InvalidResponseException(
          runtime.provider()
              + ": the list was stopped at "
              + why
              + ", after "
              + pages
              + (pages == 1 ? " page and " : " pages and ")
              + Math.min(handedOn, jobBound())
              + (paged() ? " distinct jobs" : " jobs"),
          null);
    }

    private boolean paged() {
      return spec.paging() != ListSpec.Paging.NONE;
    }

    private int jobBound() {
      return paged() ? MAX_JOBS : MAX_UNPAGED_JOBS;
    }

    private void start() {
      pages++;
      newOnPage = 0;
      Handoff<JobStatus<R>> h = new Handoff<>();
      Request request = spec.page(after, offset, statuses).request();
      InFlight<PageEnd> p =
          engine.exchange(
              request, (response, answer) -> read(response, answer, h), null, Gate.NONE);
      p.result().whenComplete((end, error) -> h.end());
      handoff = h;
      page = p;
    }

    /** How the page in hand ended; its exception if it failed. */
    private PageEnd ended() {
      try {
        return page.result().join();
      } catch (CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof CancelKitException k) {
          throw k;
        }
        if (cause instanceof RuntimeException r) {
          throw r;
        }
        throw e;
      }
    }

    /** The consumer is done: the page in flight is aborted, and its reader stops. */
    void close() {
      if (handoff != null) {
        handoff.abandon();
      }
      if (page != null) {
        page.abort(new CancellationException("the list was closed"));
      }
    }
  }

  /** Reads one page's answer, handing each job on as soon as it is read. */
  private PageEnd read(Response response, Answer answer, Handoff<JobStatus<R>> handoff)
      throws IOException {
    int code = response.code();
    if (code < 200 || code > 299) {
      throw mapper.errorOf(response, answer);
    }
    runtime.bodies().acquireLarge(answer.call());
    try {
      return new PageReader(response, answer, handoff).read();
    } catch (JobTooLarge e) {
      throw mapper.invalidBody(
          response,
          "a job larger than " + (MAX_JOB_BYTES >> 20) + " MiB in the list",
          null,
          answer);
    } catch (JsonEncodingException | JsonDataException | IllegalStateException e) {
      throw mapper.invalidBody(response, "a list that is not JSON of jobs", e, answer);
    } finally {
      runtime.bodies().releaseLarge();
    }
  }

  /** The reading of one page. */
  private final class PageReader {
    private final Response response;
    private final Answer answer;
    private final Handoff<JobStatus<R>> handoff;
    private final Limited limited;
    private final JsonReader json;
    private final String requestId;
    private int count;
    private int kept;
    private String lastId;
    private Boolean hasMore;
    private String cursor;
    private Long total;

    PageReader(Response response, Answer answer, Handoff<JobStatus<R>> handoff) {
      this.response = response;
      this.answer = answer;
      this.handoff = handoff;
      this.limited = new Limited(response.body().source());
      this.json = JsonReader.of(Okio.buffer(limited));
      this.requestId = mapper.requestId(response);
    }

    PageEnd read() throws IOException {
      if (spec.itemsField() == null) {
        items();
      } else {
        fields(
            (name, token) -> {
              if (name.equals("total") && token == JsonReader.Token.NUMBER) {
                total = (long) json.nextDouble();
              } else if (name.equals("meta")
                  && token == JsonReader.Token.BEGIN_OBJECT
                  && spec.paging() == ListSpec.Paging.CURSOR) {
                fields(this::metaField);
              } else if (name.equals(spec.itemsField()) && token == JsonReader.Token.BEGIN_ARRAY) {
                items();
              } else if (name.equals(spec.itemsField()) && token != JsonReader.Token.NULL) {
                throw mapper.invalidBody(
                    response,
                    "a list whose " + name + " is " + token + ", not an array",
                    null,
                    answer);
              } else {
                return false;
              }
              return true;
            });
      }
      return new PageEnd(count, kept, lastId, hasMore, cursor, total);
    }

    /** One field of a cursor-paged answer's {@code meta}: only {@code next_cursor} is its own. */
    private boolean metaField(String name, JsonReader.Token token) throws IOException {
      if (name.equals("next_cursor") && token == JsonReader.Token.STRING) {
        cursor = json.nextString();
        return true;
      }
      return false;
    }

    /**
     * Walks one JSON object: {@code has_more} (read at the top and in {@code meta} alike) is taken
     * here, every other field is offered to {@code field}, and what it does not read is skipped.
     */
    private void fields(FieldReader field) throws IOException {
      json.beginObject();
      while (json.hasNext()) {
        String name = json.nextName();
        JsonReader.Token token = json.peek();
        if (name.equals("has_more") && token == JsonReader.Token.BOOLEAN) {
          hasMore = json.nextBoolean();
        } else if (!field.read(name, token)) {
          json.skipValue();
        }
      }
      json.endObject();
    }

    private void items() throws IOException {
      json.beginArray();
      while (json.hasNext()) {
        limited.startItem();
        long before = limited.total;
        Object tree = json.readJsonValue();
        if (!(tree instanceof Map<?, ?> fields)) {
          throw mapper.invalidBody(response, "a list item that is not a job object", null, answer);
        }
        count++;
        if (!spec.keeps(fields)) {
          continue; // not a job of this kind (a serverless endpoint among dedicated ones)
        }
        kept++;
        JobStatus<R> job = job(fields, requestId, response, answer);
        lastId = job.jobId();
        try {
          if (!handoff.put(job, Math.max(1, limited.total - before), patience)) {
            throw new InterruptedIOException("the list's consumer went away");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while handing on the list");
        }
        answer.noMoreRetries();
      }
      json.endArray();
    }
  }

  private JobStatus<R> job(Map<?, ?> item, String requestId, Response response, Answer answer) {
    Map<?, ?> fields = mapper.redactAll(item); // an id or name that echoes the key
    if (!(fields.get("id") instanceof String id) || id.isEmpty()) {
      throw mapper.invalidBody(response, "a job without an id in the list", null, answer);
    }
    Parsed<R> job;
    try {
      job = mapper.fromFields(fields, response.code(), requestId);
    } catch (RuntimeException e) {
      throw mapper.invalidBody(response, "a job the model cannot hold in the list", e, answer);
    }
    return new JobStatus<>(
        id,
        states.readStateOf(job.status()),
        job.status(),
        job.value(),
        job.createdAt(),
        requestId);
  }

  /** Reads the value of one field, or says it did not want it. */
  @FunctionalInterface
  private interface FieldReader {
    boolean read(String name, JsonReader.Token token) throws IOException;
  }

  /** A list item grew past {@link #MAX_JOB_BYTES}. */
  private static final class JobTooLarge extends IOException {
    private static final long serialVersionUID = 1L;
  }

  /** Counts what is read, and stops an item that grows past {@link #MAX_JOB_BYTES}. */
  private static final class Limited extends ForwardingSource {
    long total;
    private long itemStart;

    Limited(Source delegate) {
      super(delegate);
    }

    void startItem() {
      itemStart = total;
    }

    @Override
    public long read(Buffer sink, long byteCount) throws IOException {
      long n = super.read(sink, byteCount);
      if (n > 0) {
        total += n;
        if (total - itemStart > MAX_JOB_BYTES + 16 * 1024) { // slack: the buffer reads ahead
          throw new JobTooLarge();
        }
      }
      return n;
    }
  }
}
