package dev.cancelkit.common.internal;

/**
 * How fast one bulk run sends: as fast as its concurrency allows until the provider shows a limit,
 * then at the rate the provider admits. Two signals teach the rate:
 *
 * <ul>
 *   <li>A 429 (which also pauses every call for its {@code Retry-After}, see {@link SharedPause}).
 *       The answers that come back during that pause are to requests sent after the first refused
 *       one, while the provider was saturated: the share it admitted of them, times the rate they
 *       were sent at (measured, before the first, from the answers since the first one: the run's
 *       first requests wait while connections open), is the provider's rate. The run resumes at
 *       that rate, then creeps up (5% a second after the first episode, whose tail is a handful of
 *       answers; 0.25% after later ones), so a rough first estimate, or a limit that rises, is
 *       found again. A later episode comes just past a limit the run crept up to, where a tail of
 *       four answers cannot tell a share of 0.8 from 1: it leaves the run at 90-97% of its rate.
 *   <li>{@code x-ratelimit-remaining: 0}, when the provider counts: the run keeps to 97% of the
 *       rate the provider admitted over the last second, before any 429. Without enough answers to
 *       measure that, no request starts until {@code x-ratelimit-reset} (at most a second).
 * </ul>
 *
 * <p>Not thread-safe: {@link SharedPause} calls it under its lock. Times are nanoseconds of the
 * run's clock.
 */
final class Pacing {
  /** The share of the rate a provider admitted lately that the run keeps to when it says 0 left. */
  static final double HEADER_MARGIN = 0.97;

  /** How fast the rate creeps up while nothing says it is too high: 0.25% a second. */
  static final double CREEP_PER_SECOND = 0.0025;

  /** The share of a paced rate a 429 leaves the run at: 90% to 97%. */
  static final double PACED_SHARE_MIN = 0.90;

  static final double PACED_SHARE_MAX = 0.97;

  /**
   * How fast it creeps after the first 429 only: 5% a second. A first episode's tail is a handful
   * of answers, so its rate is rough; a second 429 comes sooner, and its rate is close.
   */
  static final double FIRST_CREEP_PER_SECOND = 0.05;

  private static final long SECOND = 1_000_000_000L;
  private static final int WINDOW = 256;

  /** Send times, the last {@link #WINDOW}, for the rate being sent at. */
  private final long[] sends = new long[WINDOW];

  private long sent;

  /** When admitted answers came, the last {@link #WINDOW}: the rate the provider admits at. */
  private final long[] admits = new long[WINDOW];

  private long admittedCount;

  /** The learnt rate, requests a second; 0 while none is learnt (send as fast as allowed). */
  private double rate;

  private long rateSince;
  private long nextSlot;

  /** The throttle episode under way: its start and the rate sent at, and what its tail said. */
  private long episodeEnd = Long.MIN_VALUE;

  private double episodeSendRate;
  private int episodes;
  private int tailAdmitted;
  private int tailRefused;
  private boolean episodeOpen;

  private long holdUntil = Long.MIN_VALUE;
  private long firstAnswer = Long.MAX_VALUE;

  /**
   * Events a second over the last second of {@code times} (a ring of the last {@link #WINDOW},
   * {@code count} in all), measured up to {@code now}: events that came in waves are spread over
   * the time up to now.
   */
  private static double rateOf(long[] times, long count, long now) {
    int n = (int) Math.min(count, WINDOW);
    int counted = 0;
    long oldest = now;
    for (int i = 0; i < n; i++) {
      long t = times[(int) ((count - 1 - i) % WINDOW)];
      if (now - t > SECOND) {
        break;
      }
      counted++;
      oldest = Math.min(oldest, t);
    }
    return counted < 2 ? 0 : counted * (double) SECOND / Math.max(now - oldest, SECOND / 100);
  }

  /**
   * The rate the run sends at, before its first 429: the rate answers came at since the first one
   * (all of them admitted), over the last second. Send times would count the run's first requests,
   * which wait while connections open, and make the rate look lower than the one the run keeps.
   */
  private double sendRate(long now) {
    long from = Math.max(now - SECOND, firstAnswer);
    if (episodes > 0 || now - from < SECOND / 100) {
      return rateOf(sends, sent, now);
    }
    int n = (int) Math.min(admittedCount, WINDOW);
    int counted = 0;
    for (int i = 0; i < n && admits[(int) ((admittedCount - 1 - i) % WINDOW)] >= from; i++) {
      counted++;
    }
    return counted * (double) SECOND / (now - from);
  }

  /** The learnt rate now (with its creep), or 0 if none. */
  double rate(long now) {
    if (rate == 0) {
      return 0;
    }
    double seconds = Math.max(0, now - rateSince) / (double) SECOND;
    return rate * (1 + (episodes < 2 ? FIRST_CREEP_PER_SECOND : CREEP_PER_SECOND) * seconds);
  }

  /**
   * Reserves the next send: the nanoseconds to wait before it (0: now). The caller sends after that
   * wait; the send is counted as of when it may start.
   */
  long reserve(long now) {
    closeEpisode(now);
    long at = Math.max(now, holdUntil);
    double r = rate(now);
    if (r > 0) {
      at = Math.max(at, nextSlot);
      nextSlot = at + (long) (SECOND / r);
    }
    sends[(int) (sent % WINDOW)] = at;
    sent++;
    return at - now;
  }

  /**
   * A 429 at {@code now}, pausing the run until {@code pauseEnd}. The first of an episode opens it;
   * the others are part of its tail.
   */
  void refused(long now, long pauseEnd) {
    firstAnswer = Math.min(firstAnswer, now);
    if (!episodeOpen && now >= episodeEnd) {
      episodeOpen = true;
      episodeSendRate = Math.max(sendRate(now), rate(now));
      tailAdmitted = 0;
      tailRefused = 1;
    } else if (episodeOpen) {
      tailRefused++;
    }
    episodeEnd = Math.max(episodeEnd, pauseEnd);
  }

  /**
   * An answer other than a 429, with the provider's {@code x-ratelimit-remaining} and {@code
   * -reset} (-1 and null when not sent).
   */
  void admitted(long now, long remaining, Long resetNanos) {
    firstAnswer = Math.min(firstAnswer, now);
    if (episodeOpen) {
      tailAdmitted++;
    }
    admits[(int) (admittedCount % WINDOW)] = now;
    admittedCount++;
    if (remaining < 0) {
      return;
    }
    if (remaining == 0) { // the provider admits what it admitted lately, and no more
      double admitting = rateOf(admits, admittedCount, now) * HEADER_MARGIN;
      if (admitting > 0 && (rate == 0 || admitting < rate(now))) {
        learn(now, admitting);
        return;
      }
    }
    if (remaining == 0 && rate == 0 && resetNanos != null) { // nothing learnt: wait for the reset
      holdUntil = Math.max(holdUntil, now + Math.min(resetNanos, SECOND));
    }
  }

  /** At the end of a pause: what the episode's tail says the provider admits. */
  private void closeEpisode(long now) {
    if (!episodeOpen || now < episodeEnd) {
      return;
    }
    episodeOpen = false;
    episodes++;
    int tail = tailAdmitted + tailRefused;
    double share = tail == 0 ? 0 : tailAdmitted / (double) tail;
    if (episodes > 1 && share >= 0.5) {
      // sent at a rate an earlier episode taught, and refused just past a limit it crept up to:
      // a tail of a few answers cannot tell 0.8 from 1
      share = Math.min(Math.max(share, PACED_SHARE_MIN), PACED_SHARE_MAX);
    }
    // nothing admitted in the tail (one call at a time, or far too fast): halve, and learn again
    learn(now, share > 0 ? episodeSendRate * share : episodeSendRate / 2);
  }

  private void learn(long now, double admittedRate) {
    if (admittedRate <= 0 || Double.isNaN(admittedRate)) {
      return;
    }
    rate = admittedRate;
    rateSince = now;
    nextSlot = Math.max(nextSlot, now);
  }
}
