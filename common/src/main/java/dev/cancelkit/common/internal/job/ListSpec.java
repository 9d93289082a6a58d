package dev.cancelkit.common.internal.job;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;
import retrofit2.Call;

/**
 * How a kind of job is listed: the generated list operation, where the jobs sit in its answer, and
 * how its pages follow one another.
 */
public final class ListSpec {
  /** How one page leads to the next. */
  enum Paging {
    /** One answer holds every job. */
    NONE,
    /** The next page starts after the last id of this one, while {@code has_more} is true. */
    AFTER_ID,
    /**
     * The next page starts at offset + page size, until a page is short or empty, or the jobs seen
     * reach the answer's {@code total} (where it gives one).
     */
    OFFSET,
    /**
     * The next page starts at the answer's {@code meta.next_cursor}, while {@code meta.has_more} is
     * true, the cursor is not empty and the page is not.
     */
    CURSOR
  }

  /** A page request of an offset-paged list, optionally filtered by status on the server. */
  @FunctionalInterface
  public interface OffsetPage {
    /**
     * @param statuses only jobs in these statuses, or null for all
     */
    Call<?> page(int limit, int offset, List<String> statuses);
  }

  private final Paging paging;
  private final String itemsField;
  private final int pageSize;
  private final BiFunction<Integer, String, ? extends Call<?>> afterIdPage;
  private final OffsetPage offsetPage;
  private final Predicate<Map<?, ?>> keep;

  private ListSpec(
      Paging paging,
      String itemsField,
      int pageSize,
      BiFunction<Integer, String, ? extends Call<?>> afterIdPage,
      OffsetPage offsetPage,
      Predicate<Map<?, ?>> keep) {
    this.paging = paging;
    this.itemsField = itemsField;
    this.pageSize = pageSize;
    this.afterIdPage = afterIdPage;
    this.offsetPage = offsetPage;
    this.keep = keep;
  }

  private static final Predicate<Map<?, ?>> EVERY = item -> true;

  /**
   * One answer holds every job, at the top level ({@code itemsField} null: a bare array) or in an
   * object's field (such as {@code data}).
   */
  public static ListSpec unpaged(Supplier<? extends Call<?>> request, String itemsField) {
    Objects.requireNonNull(request, "request");
    return new ListSpec(Paging.NONE, itemsField, 0, (limit, after) -> request.get(), null, EVERY);
  }

  /**
   * Pages of {@code pageSize} in an object's {@code itemsField}; the next page is asked for with
   * the last id of this one ({@code request} gets the limit and that id, null for the first page),
   * while the answer's {@code has_more} is true and the page is not empty.
   */
  public static ListSpec afterId(
      BiFunction<Integer, String, ? extends Call<?>> request, String itemsField, int pageSize) {
    return new ListSpec(
        Paging.AFTER_ID, Objects.requireNonNull(itemsField), pageSize, request, null, EVERY);
  }

  /**
   * Pages of {@code pageSize} in an object's {@code itemsField}; the next page is asked for with
   * the cursor the answer gives in {@code meta.next_cursor} ({@code request} gets the limit and
   * that cursor, null for the first page), while {@code meta.has_more} is true, the cursor is not
   * empty and the page is not empty.
   */
  public static ListSpec cursor(
      BiFunction<Integer, String, ? extends Call<?>> request, String itemsField, int pageSize) {
    return new ListSpec(
        Paging.CURSOR, Objects.requireNonNull(itemsField), pageSize, request, null, EVERY);
  }

  /**
   * Pages of {@code pageSize} as bare arrays, asked for by offset, until a page is shorter than
   * {@code pageSize}; the server can filter them by status.
   */
  public static ListSpec offset(OffsetPage request, int pageSize) {
    return new ListSpec(
        Paging.OFFSET, null, pageSize, null, Objects.requireNonNull(request), EVERY);
  }

  /**
   * Pages of {@code pageSize} in an object's {@code itemsField} beside its {@code total}, asked for
   * by offset, until the jobs seen reach {@code total} or a page is short or empty; the server is
   * not asked to filter ({@code request} gets null statuses).
   */
  public static ListSpec offsetWithTotal(OffsetPage request, String itemsField, int pageSize) {
    return new ListSpec(
        Paging.OFFSET,
        Objects.requireNonNull(itemsField),
        pageSize,
        null,
        Objects.requireNonNull(request),
        EVERY);
  }

  /**
   * This spec, handing on only the listed items {@code keep} accepts (read as JSON objects): the
   * others are not jobs of this kind (Together's serverless endpoints among the dedicated ones).
   */
  public ListSpec keeping(Predicate<Map<?, ?>> keep) {
    return new ListSpec(
        paging, itemsField, pageSize, afterIdPage, offsetPage, Objects.requireNonNull(keep));
  }

  /** Whether a listed item is a job of this kind. */
  boolean keeps(Map<?, ?> item) {
    return keep.test(item);
  }

  Paging paging() {
    return paging;
  }

  /** The field of the answer that holds the jobs, or null when the answer is a bare array. */
  String itemsField() {
    return itemsField;
  }

  int pageSize() {
    return pageSize;
  }

  /** Whether the server filters by status (then {@code active()} asks it to). */
  boolean filtersStatuses() {
    return paging == Paging.OFFSET && itemsField == null;
  }

  /** The request of one page. */
  Call<?> page(String after, int offset, List<String> statuses) {
    return switch (paging) {
      case NONE, AFTER_ID, CURSOR -> afterIdPage.apply(pageSize, after);
      case OFFSET -> offsetPage.page(pageSize, offset, statuses);
    };
  }
}
