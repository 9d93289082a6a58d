package dev.cancelkit.common.internal.bulk;

import java.util.Arrays;

/**
 * How fast one bulk run sends: as fast as its concurrency allows until the provider shows a limit,
 * then at the rate the provider admits. Providers limit with a token bucket (a rate and a burst),
 * and two kinds of signal teach it:
 *
 * <ul>
 *   <li>{@code x-ratelimit-remaining}, when the provider counts: the tokens left when it took each
 *       request. Two answers and the requests admitted between them give the rate the bucket fills
 *       at; the run keeps a copy of the bucket (the last count, plus what filled since it was sent,
 *       minus what was sent since) and sends only while it holds 1-3 tokens to spare, so a provider
 *       that counts never needs to say 429. With 0 left and no rate learnt yet, nothing starts
 *       before {@code x-ratelimit-reset} (at most a second).
 *   <li>429s (until the run keeps a pace, each also pauses every call for its {@code Retry-After},
 *       see {@link SharedPause}; from then on only the refused request waits, API.md v0.3). A
 *       stretch of sends from a full bucket (the run's start, or the end of a pause) to its first
 *       refused request tells, for any rate, the burst the bucket must have had: the most the
 *       requests ever got ahead of the rate. Two stretches that fell behind over different lengths
 *       agree on one rate only: the provider's (and its burst); once the burst is known, each later
 *       stretch measures the rate alone. The first 429 gives only a rough rate, from the requests
 *       sent after the refused one that came back admitted: the run resumes at the most that allows
 *       and creeps up 15% a second (half as fast after each further guess), so the next 429 comes
 *       soon and measures it. From then on it keeps to 98% of the rate, creeping up 0.1% a second
 *       in case the limit rises. A 429 that no bucket explains (one that fits it would have refused
 *       what the provider admitted after it, or since the last 429) leaves the pace alone:
 *       providers also refuse for other reasons (overload, a limit on something else). A 429 that
 *       paused nobody is read one round trip later: after a guessed pace, if the stretches do not
 *       solve the rate, it pauses the run after all (until its {@code Retry-After} is over); after
 *       that, the stretch that follows began with the bucket dry, so a 429 ending it only lowers
 *       the pace (by what the provider admitted since the last one, 3-15%), unless the bucket the
 *       stretches told would have held tokens for it and nothing near it was refused.
 * </ul>
 *
 * <p>Not thread-safe: {@link SharedPause} calls it under its lock. Times are nanoseconds of the
 * run's clock; each answer comes with the time its request was sent.
 *
 * <p>One idea: one model of the provider's bucket, read from every answer; its estimates of rate
 * and burst depend on each other, so they stay in one file with the reasoning above.
 */
final class Pacing {
  /** The share of a measured rate the run keeps to. */
  static final double MARGIN = 0.98;

  /**
   * Tokens the run leaves in a counting provider's bucket, for requests that arrive out of order: a
   * sixth of the most it was seen to hold, 1 to 3. (What the bucket holds costs no speed: it still
   * fills at its rate.)
   */
  static double spareTokens(long mostLeft) {
    return clamp(mostLeft / 6, 1, 3);
  }

  /** How fast a measured rate creeps up: 0.1% a second. */
  static final double CREEP_PER_SECOND = 0.001;

  /** How fast a pace lowered by a 429 that paused nobody creeps up again: 1% a second. */
  static final double CUT_CREEP_PER_SECOND = 0.01;

  /** How fast a guessed rate creeps up, to the 429 that measures it: 15% a second. */
  static final double GUESS_CREEP_PER_SECOND = 0.15;

  private static final long SECOND = 1_000_000_000L;
  private static final long MS = 1_000_000L;
  private static final int WINDOW = 256;

  /** The answers kept to read a stretch by: its last 4,096. */
  private static final int STRETCH = 4096;

  /** When sends were (or are to be) made, the last {@link #WINDOW}. */
  private final long[] sends = new long[WINDOW];

  private long sent;

  /** The learnt rate, requests a second; 0 while none is learnt (send as fast as allowed). */
  private double rate;

  private double creep;
  private long rateSince;
  private long nextSlot;

  // ---- the stretch of sends since the run began or its last pause ended ----

  private long stretchStart = Long.MIN_VALUE;

  /**
   * Whether the stretch under way began with a full bucket (the run's start, or the end of a
   * pause): only such stretches tell a burst. After a 429 that paused nobody the bucket is dry.
   */
  private boolean stretchFull = true;

  /** The stretch before: its admitted requests' send times, sorted, and its first refused one. */
  private long[] lastStretch;

  private long lastStretchEnd;

  /** The provider's burst, once two stretches have told it. */
  private double burst = Double.NaN;

  /** Episodes in a row whose tail the provider admitted whole. */
  private int quietTails;

  /** The rate the stretches last told (before the margin), 0 until they have. */
  private double solvedRate;

  // ---- the 429 episode under way ----

  private boolean episodeOpen;

  /** Whether the 429 that opened the episode paused the run (it did until a pace was learnt). */
  private boolean episodePaused;

  /** When the episode is read: the end of its pause, or one round trip after its 429. */
  private long episodeEnd = Long.MIN_VALUE;

  /** What the episode's first 429 cost the run: its pause, or its request's wait. */
  private long episodeWait;

  /** Until when a 429 that paused nobody at first pauses the run after all (see closeEpisode). */
  private long pauseUntil = Long.MIN_VALUE;

  private long episodeStart;
  private long firstRefusedSent;

  /** The request whose refusal opened the last episode, when it was sent. */
  private long lastRefusedSent = Long.MIN_VALUE;

  private int episodes;
  private int guesses;

  /** Answers lately: when their requests were sent, and whether they were admitted. */
  private final long[] answerSent = new long[STRETCH];

  private final boolean[] answerAdmitted = new boolean[STRETCH];
  private long answers;

  // ---- a provider that counts ----

  private final long[] countSent = new long[WINDOW];
  private final long[] countLeft = new long[WINDOW];
  private long counts;
  private long mostLeft = -1;
  private long fullSent = Long.MIN_VALUE;
  private long resumedAt = Long.MIN_VALUE;
  private long latestCountSent = Long.MIN_VALUE;
  private long latestLeft;

  /** The rate a counting provider's bucket fills at; 0 while unknown. */
  private double countedRate;

  private long holdUntil = Long.MIN_VALUE;

  /**
   * Whether the run has a pace to keep (from a provider's counts, or from 429s). From then on a 429
   * pauses nobody (API.md v0.3): it holds back its own request and may lower the pace.
   */
  boolean learnt() {
    return rate > 0 || countedRate > 0;
  }

  /**
   * Until when the run waits (nanoseconds of the run's clock) for a 429 that paused nobody when it
   * came, because the pace it followed was a guess the stretches then did not solve.
   */
  long pauseUntil() {
    return pauseUntil;
  }

  /** The learnt rate now (with its creep), or 0 if none. */
  double rate(long now) {
    if (rate == 0) {
      return 0;
    }
    double seconds = Math.max(0, now - rateSince) / (double) SECOND;
    return rate * (1 + creep * seconds);
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
    at = Math.max(at, whenBucketAllows(at));
    if (stretchStart == Long.MIN_VALUE) {
      stretchStart = at;
    }
    sends[(int) (sent % WINDOW)] = at;
    sent++;
    return at - now;
  }

  /**
   * The earliest time the copy of a counting provider's bucket holds a token for one more send (and
   * {@link #spareTokens} to spare), or {@code Long.MIN_VALUE} if it does not count.
   */
  private long whenBucketAllows(long from) {
    if (counts == 0) {
      return Long.MIN_VALUE;
    }
    long pending = 0; // sent (or to be) after the latest counted request: not in its count
    for (long i = sent - 1; i >= 0 && i >= sent - WINDOW; i--) {
      if (sends[(int) (i % WINDOW)] <= latestCountSent) {
        break;
      }
      pending++;
    }
    double missing = pending + 1 + spareTokens(mostLeft) - latestLeft;
    if (missing <= 0) {
      return Long.MIN_VALUE;
    }
    if (countedRate <= 0) {
      return Long.MIN_VALUE; // nothing to go by: the reset hold, or a 429, will tell
    }
    long at = latestCountSent + (long) (missing / countedRate * SECOND);
    return Math.max(from, at);
  }

  /**
   * A 429 at {@code now} to a request sent at {@code sentAt}: with {@code paused}, the run waits
   * until {@code end}; without (a pace is learnt), only the request waits, until {@code end}, and
   * the episode is read one round trip later, when the requests sent meanwhile have been answered.
   */
  void refused(long now, long sentAt, long end, long left, boolean paused) {
    remember(sentAt, false);
    if (left >= 0) {
      counted(sentAt, left, now, null);
    }
    if (!episodeOpen && now >= episodeEnd) {
      episodeOpen = true;
      episodePaused = paused;
      episodeStart = now;
      episodeWait = end - now;
      firstRefusedSent = sentAt;
      if (!paused) { // read once what was sent meanwhile is answered; later 429s do not put it off
        episodeEnd = now + Math.max(now - sentAt, MS) + 2 * MS;
      }
    } else if (episodeOpen && sentAt >= stretchStart && sentAt < firstRefusedSent) {
      firstRefusedSent = sentAt; // answered out of order
    }
    if (paused) {
      episodeEnd = Math.max(episodeEnd, end);
    }
  }

  /**
   * An answer other than a 429 to a request sent at {@code sentAt}, with the provider's {@code
   * x-ratelimit-remaining} and {@code -reset} (-1 and null when not sent).
   */
  void admitted(long now, long sentAt, long left, Long resetNanos) {
    remember(sentAt, true);
    if (left >= 0) {
      counted(sentAt, left, now, resetNanos);
    }
  }

  private void remember(long sentAt, boolean admitted) {
    int k = (int) (answers % STRETCH);
    answerSent[k] = sentAt;
    answerAdmitted[k] = admitted;
    answers++;
  }

  /** A counting provider said {@code left} tokens were left when it took the request sent then. */
  private void counted(long sentAt, long left, long now, Long resetNanos) {
    int k = (int) (counts % WINDOW);
    countSent[k] = sentAt;
    countLeft[k] = left;
    counts++;
    if (sentAt > latestCountSent) {
      latestCountSent = sentAt;
      latestLeft = left;
    } else if (sentAt == latestCountSent) { // sent together: the one taken last left the fewest
      latestLeft = Math.min(latestLeft, left);
    }
    if (left >= mostLeft) {
      mostLeft = left;
      fullSent = Math.max(fullSent, sentAt);
    }
    learnCountedRate();
    if (left == 0 && countedRate <= 0 && resetNanos != null) { // nothing learnt: wait for reset
      holdUntil = Math.max(holdUntil, now + Math.min(resetNanos, SECOND));
    }
  }

  /**
   * The bucket's fill rate from the counts: between the earliest count of the last two seconds
   * since the bucket was last seen full (a full bucket stops filling) and the latest, it filled by
   * what it was lower plus the requests sent between, less one token for the counts' rounding.
   * Requests sent at the same moment are taken in some order: the one that left fewest came last.
   */
  private void learnCountedRate() {
    long from = Math.max(Math.max(fullSent, resumedAt), latestCountSent - 2 * SECOND);
    if (sent > WINDOW) { // no earlier than the sends still known, which are counted between
      from = Math.max(from, sends[(int) (sent % WINDOW)] + 1);
    }
    long earliest = Long.MAX_VALUE;
    long earliestLeft = 0;
    for (long i = counts - 1; i >= 0 && i >= counts - WINDOW; i--) {
      int k = (int) (i % WINDOW);
      long s = countSent[k];
      if (s < from) {
        continue;
      }
      if (s < earliest) {
        earliest = s;
        earliestLeft = countLeft[k];
      } else if (s == earliest) {
        earliestLeft = Math.min(earliestLeft, countLeft[k]);
      }
    }
    long span = latestCountSent - earliest;
    if (earliest == Long.MAX_VALUE || span < 20 * MS) {
      return;
    }
    long sentBetween = 0;
    for (long i = sent - 1; i >= 0 && i >= sent - WINDOW; i--) {
      long at = sends[(int) (i % WINDOW)];
      if (at <= earliest) {
        break;
      }
      if (at <= latestCountSent) {
        sentBetween++;
      }
    }
    double filled = latestLeft - earliestLeft + sentBetween - 1; // counts are rounded down
    if (filled > 0 && sentBetween >= 8) { // fewer sends, so far apart it may have filled up
      countedRate = filled * SECOND / span;
    }
  }

  /** At the end of a pause: what the stretch before it, and the 429s that ended it, say. */
  private void closeEpisode(long now) {
    if (!episodeOpen || now < episodeEnd) {
      return;
    }
    episodeOpen = false;
    episodes++;
    boolean full = stretchFull;
    stretchFull = episodePaused;
    if (episodePaused) {
      resumedAt = now; // the bucket filled meanwhile: counts from before say nothing of its rate
    }
    long s0 = firstRefusedSent;
    // the stretch: admitted before the first refused request; the tail: sent after it
    long[] stretch = new long[(int) Math.min(answers, STRETCH)];
    int n = 0;
    long tailAdmitted = 0;
    long tailAnswers = 0;
    long tailLast = s0;
    long[] cycle = new long[(int) Math.min(answers, STRETCH)]; // admitted, sent since the last
    int cycleAdmitted = 0; // episode's refused request
    boolean cycleKnown = false;
    for (long i = answers - 1; i >= 0 && i >= answers - STRETCH; i--) {
      int k = (int) (i % STRETCH);
      long s = answerSent[k];
      if (s <= lastRefusedSent) {
        cycleKnown = true;
      } else if (s <= s0 && answerAdmitted[k]) {
        cycle[cycleAdmitted++] = s;
      }
      if (s < stretchStart) {
        continue;
      }
      if (s <= s0 && answerAdmitted[k]) { // (sent with it, and taken before it)
        stretch[n++] = s;
      } else if (s > s0 && s <= episodeStart) {
        tailLast = Math.max(tailLast, s);
        tailAnswers++;
        if (answerAdmitted[k]) {
          tailAdmitted++;
        }
      }
    }
    stretch = Arrays.copyOf(stretch, n);
    Arrays.sort(stretch);
    double sentRate = rateOf(sends, sent, s0, stretchStart);
    double sentAtEnd = rate(s0) > 0 ? rate(s0) : sentRate;
    double tail = (tailLast - s0) / (double) SECOND;
    long stretchStartBefore = stretchStart;
    stretchStart = Long.MIN_VALUE;
    long[] before = lastStretch;
    long beforeEnd = lastStretchEnd;
    // a bucket that refused the request sent at s0 held under a token then: to admit tailAdmitted
    // more by tailLast it filled at least tailAdmitted - 1 (allowing 2 ms for requests that
    // overtook others on the way)
    double tailRate = tailAdmitted >= 2 ? (tailAdmitted - 1) / (tail + 0.002) : 0;
    // likewise since the last episode's refused request, if that was the bucket's: it admitted
    // everything sent since, pause and all (a provider that refuses for other reasons too admits
    // far more than the rate a stretch would tell)
    double cycleRate =
        cycleKnown && cycleAdmitted >= 2
            ? (cycleAdmitted - 1) / ((s0 - lastRefusedSent) / (double) SECOND + 0.002)
            : 0;
    double atLeast = Math.max(tailRate / 1.25, cycleRate);
    long lastRefusedBefore = lastRefusedSent;
    lastRefusedSent = s0;
    long tailRefusals = tailAnswers - tailAdmitted;
    if (!full) {
      quietTails = 0;
      lowerAfter(now, cycle, cycleAdmitted, cycleKnown, lastRefusedBefore, s0, tailRefusals);
      return;
    }
    // the rate at which both stretches needed the same burst; then, with the burst known, the
    // rate at which this one needed it
    double r = before == null ? Double.NaN : sameBurst(before, beforeEnd, stretch, s0, sentAtEnd);
    boolean fresh = !Double.isNaN(r); // told by two stretches, not by the burst known
    double b = Double.NaN;
    if (fresh) {
      b = burstFor(stretch, s0, r);
    } else if (!Double.isNaN(burst)) {
      r = rateFor(stretch, s0, burst, sentAtEnd);
      b = burst;
    }
    // whether a bucket explains this 429, or something else refused it (overload, a limit on
    // something else): then the run keeps its pace, and the stretch is not one to learn from
    boolean explained;
    if (!Double.isNaN(r)) {
      // a bucket that fills at least as fast as the provider admitted, and holds a token; dry at
      // the last refusal, it admits all sent since
      explained = r >= atLeast && b > 0.5;
      if (explained && cycleKnown) {
        cycle = Arrays.copyOf(cycle, cycleAdmitted);
        Arrays.sort(cycle);
        explained = admitsAll(cycle, lastRefusedBefore, r, b);
      }
      if (!fresh && tailRefusals < 2 && burstFor(stretch, s0, solvedRate * 0.95) < burst - 1) {
        // the bucket known (give or take 5%) did not run dry, and neither two stretches nor the
        // provider refusing what followed tell of another
        explained = false;
      }
    } else {
      // unless the provider went on admitting as fast as the run sent, twice running, between
      // 429s far enough apart that a slower pace would cost more than their pauses
      boolean longStretch = n > 0 && s0 - stretch[0] >= episodeWait / 2;
      explained =
          tailRefusals > 0
              || tailAnswers < 2
              || !longStretch
              || quietTails == 0 && tailRate < 0.8 * sentAtEnd;
    }
    if (!episodePaused && (Double.isNaN(r) || !explained)) {
      // a 429 after a guessed pace that the stretches do not solve: it pauses the run after all,
      // until its Retry-After is over, as before a pace was learnt, and is read again then
      episodeOpen = true;
      episodes--;
      stretchFull = true;
      stretchStart = stretchStartBefore;
      lastRefusedSent = lastRefusedBefore;
      episodePaused = true;
      episodeEnd = Math.max(now, episodeStart + episodeWait);
      pauseUntil = episodeEnd;
      return;
    }
    quietTails = tailAnswers >= 2 && tailRefusals == 0 ? quietTails + 1 : 0;
    if (!explained) {
      return;
    }
    lastStretch = stretch;
    lastStretchEnd = s0;
    if (!Double.isNaN(r)) {
      burst = b;
      solvedRate = r;
      learn(now, Math.min(r * MARGIN, sentAtEnd * 0.97), CREEP_PER_SECOND);
      return;
    }
    if (tailAdmitted > 0) {
      // the provider admitted tailAdmitted of the requests sent after the refused one (give or
      // take one) in that time; the next 429 measures it
      // (the most it allows when that says much, else the likeliest: 2 for 1 would be too fast)
      double filled = tailAdmitted >= 3 ? tailAdmitted + 1 : tailAdmitted;
      double guess =
          tail >= 0.001 ? filled / tail : sentRate * tailAdmitted / tailAnswers; // or: sent at once
      if (tailRefusals == 0) { // none refused: the provider may allow far more
        guess = Math.max(guess, sentAtEnd / 2);
      }
      guess = episodes == 1 ? guess : Math.min(guess, sentAtEnd * 0.93);
      learn(now, Math.max(guess, atLeast * MARGIN), guessCreep());
      return;
    }
    // nothing admitted after the refused request (one call at a time, or far too fast): halve
    if (sentAtEnd > 0) {
      learn(now, Math.max(sentAtEnd / 2, atLeast * MARGIN), guessCreep());
    }
  }

  /**
   * After a 429 to a stretch that began with the bucket dry (a 429 before it paused nobody): the
   * provider admitted {@code admitted} requests (send times, the first {@code k}) between the
   * refusal before, sent at {@code from}, and this one, sent at {@code s0}. A bucket dry at both
   * fills at about k over that span (or faster, if the run sent less than it allowed for a while):
   * the pace goes below that, by 3% at least and 15% at most. Unless the bucket the stretches told
   * (rate and burst) would have held two tokens for this request and nothing sent after it was
   * refused: then something else refused it, and the pace stays.
   */
  private void lowerAfter(
      long now, long[] admitted, int k, boolean known, long from, long s0, long tailRefusals) {
    if (!known || from == Long.MIN_VALUE || s0 <= from) {
      learn(now, rate(now) * 0.97, CUT_CREEP_PER_SECOND);
      return;
    }
    long[] sorted = Arrays.copyOf(admitted, k);
    Arrays.sort(sorted);
    if (tailRefusals == 0
        && !Double.isNaN(burst)
        && tokensAt(sorted, from, solvedRate, burst, s0) >= 2) {
      return;
    }
    double filled = k / ((s0 - from) / (double) SECOND);
    double pace = rate(now);
    learn(now, clamp(filled * MARGIN, pace * 0.85, pace * 0.97), CUT_CREEP_PER_SECOND);
  }

  /**
   * The tokens a bucket of {@code burst} filling at {@code r}, dry when it refused the request sent
   * at {@code from}, holds at {@code at} after admitting {@code admitted} (sorted send times).
   */
  static double tokensAt(long[] admitted, long from, double r, double burst, long at) {
    double tokens = 0;
    long last = from;
    for (long t : admitted) {
      tokens = Math.max(0, Math.min(burst, tokens + r * (t - last) / SECOND) - 1);
      last = t;
    }
    return Math.min(burst, tokens + r * (at - last) / SECOND);
  }

  /**
   * The burst a bucket filling at {@code r} a second must have had, full at the stretch's start, to
   * admit every request of {@code admitted} (sorted send times) and refuse the one sent at {@code
   * refused}: the most it ever fell behind, plus half a token.
   */
  static double burstFor(long[] admitted, long refused, double r) {
    double most = 0;
    int n = admitted.length;
    for (int i = 0; i < n; i++) {
      most = Math.max(most, (n - i) - r * (refused - admitted[i]) / SECOND);
    }
    return most + 0.5;
  }

  /**
   * The rate below {@code sentAtEnd} at which two stretches, each from a full bucket to a refusal,
   * needed the same burst; NaN if none is well told (both fell behind over about the same time, so
   * their bursts change alike with the rate). Where several rates would do, the best told.
   */
  static double sameBurst(long[] a, long aEnd, long[] b, long bEnd, double sentAtEnd) {
    if (a.length == 0 || b.length == 0 || !(sentAtEnd > 0)) {
      return Double.NaN;
    }
    double lo = sentAtEnd * 0.02;
    double hi = sentAtEnd * 1.05;
    double step = Math.pow(hi / lo, 1.0 / 200);
    double best = Double.NaN;
    double bestTold = 0;
    double prev = burstFor(a, aEnd, hi) - burstFor(b, bEnd, hi);
    for (double r = hi / step; r >= lo; r /= step) {
      double d = burstFor(a, aEnd, r) - burstFor(b, bEnd, r);
      if (d != 0 && prev != 0 && Math.signum(d) != Math.signum(prev)) {
        double x = r;
        double y = r * step;
        for (int i = 0; i < 50; i++) {
          double m = (x + y) / 2;
          double dm = burstFor(a, aEnd, m) - burstFor(b, bEnd, m);
          if (Math.signum(dm) == Math.signum(d)) {
            x = m;
          } else {
            y = m;
          }
        }
        double root = (x + y) / 2;
        // how far apart the two bursts move for a 1% change of rate: the lengths they fell
        // behind over must differ by 50 ms, or by 20 requests at that rate (a fast one)
        double told = told(a, aEnd, b, bEnd, root);
        if ((told >= 0.05 && told * root >= 3 || told * root >= 20) && told > bestTold) {
          best = root;
          bestTold = told;
        }
      }
      prev = d;
    }
    return best;
  }

  /**
   * Whether a bucket of {@code burst} filling at {@code r}, under a token when it refused the
   * request sent at {@code from}, could have admitted every request of {@code admitted} (sorted
   * send times after it), give or take a token for requests that overtook others on the way.
   */
  static boolean admitsAll(long[] admitted, long from, double r, double burst) {
    double tokens = 1;
    long last = from;
    for (long t : admitted) {
      tokens = Math.min(burst, tokens + r * (t - last) / SECOND) - 1;
      last = t;
      if (tokens < -1) {
        return false;
      }
    }
    return true;
  }

  /**
   * How well two stretches tell the rate {@code r} they agree on: how far apart the bursts they
   * needed move for a change of rate, in seconds (the difference of the lengths they fell behind
   * over). Times {@code r}, the requests that tell it, each stretch being uncertain by a token.
   */
  static double told(long[] a, long aEnd, long[] b, long bEnd, double r) {
    return Math.abs(
            (burstFor(a, aEnd, r * 0.99) - burstFor(a, aEnd, r))
                - (burstFor(b, bEnd, r * 0.99) - burstFor(b, bEnd, r)))
        / (r * 0.01);
  }

  /** The rate at which a stretch needed {@code burst}: one refusal measures it. */
  static double rateFor(long[] admitted, long refused, double burst, double sentAtEnd) {
    if (admitted.length == 0 || !(sentAtEnd > 0)) {
      return Double.NaN;
    }
    double lo = sentAtEnd * 0.02;
    double hi = sentAtEnd * 2;
    if (burstFor(admitted, refused, lo) < burst || burstFor(admitted, refused, hi) > burst) {
      return Double.NaN;
    }
    for (int i = 0; i < 50; i++) {
      double m = (lo + hi) / 2;
      if (burstFor(admitted, refused, m) > burst) {
        lo = m;
      } else {
        hi = m;
      }
    }
    return (lo + hi) / 2;
  }

  /**
   * How fast a guess creeps: {@link #GUESS_CREEP_PER_SECOND} for the first two, then half as fast
   * each time, so that stretches that keep ending alike (and tell no rate) grow apart.
   */
  private double guessCreep() {
    guesses++;
    int halvings = Math.min(10, Math.max(0, guesses - 2));
    return Math.max(CREEP_PER_SECOND, GUESS_CREEP_PER_SECOND / (1 << halvings));
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  /**
   * Events a second over the last second of {@code times} (a ring of the last {@link #WINDOW},
   * {@code count} in all), up to {@code now}.
   */
  private static double rateOf(long[] times, long count, long now, long since) {
    int n = (int) Math.min(count, WINDOW);
    int counted = 0;
    long oldest = now;
    for (int i = 0; i < n; i++) {
      long t = times[(int) ((count - 1 - i) % WINDOW)];
      if (t > now) {
        continue;
      }
      if (now - t > SECOND || t < since) {
        break;
      }
      counted++;
      oldest = Math.min(oldest, t);
    }
    return counted < 2 ? 0 : counted * (double) SECOND / Math.max(now - oldest, SECOND / 100);
  }

  private void learn(long now, double r, double creepPerSecond) {
    if (r <= 0 || Double.isNaN(r)) {
      return;
    }
    rate = r;
    creep = creepPerSecond;
    rateSince = now;
    nextSlot = Math.max(nextSlot, now);
  }
}
