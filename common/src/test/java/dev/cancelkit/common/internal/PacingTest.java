package dev.cancelkit.common.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.PriorityQueue;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

/**
 * A bulk run's pacing against simulated providers, on a simulated clock: a token bucket that
 * answers 429 with {@code Retry-After: 1} beyond its rate, with and without {@code x-ratelimit-*}
 * headers. The run is played as {@link BulkRun} plays it (the same {@link SharedPause}, concurrency
 * slots, a call retried at most twice after a 429), so these are exact counts, not timings.
 */
class PacingTest {
  /** What a simulated run came to. */
  record Outcome(double seconds, long admitted, long refused, long failed) {
    double refusedShare() {
      return refused / (double) (admitted + refused);
    }
  }

  /** Plays {@code n} ids at {@code concurrency} against a bucket of {@code rate}/s. */
  static final class Simulation {
    private final FakeClock clock = new FakeClock();
    private final SharedPause gate = new SharedPause(clock);
    private final long start = nanos();
    private final PriorityQueue<long[]> events =
        new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
    private final double rate;
    private final double burst;
    private final long latency;
    private final boolean headers;
    private double tokens;
    private long refilledAt;
    private long admitted;
    private long refused;
    private long failed;
    private long finished;

    Simulation(double rate, double burst, Duration latency, boolean headers) {
      this.rate = rate;
      this.burst = burst;
      this.latency = latency.toNanos();
      this.headers = headers;
      this.tokens = burst;
      this.refilledAt = start;
    }

    private long nanos() {
      return clock.instant().getEpochSecond() * 1_000_000_000L + clock.instant().getNano();
    }

    private void moveTo(long t) {
      long now = nanos();
      if (t > now) {
        clock.advance(Duration.ofNanos(t - now));
      }
    }

    private static final int SENDER = 0;
    private static final int SEND_NOW = 1;
    private static final int ANSWER = 2;
    private static final int RETRY = 3;

    Outcome run(int n, int concurrency) {
      Deque<Integer> free = new ArrayDeque<>();
      for (int i = 0; i < concurrency; i++) {
        free.add(i);
      }
      int next = 0;
      boolean senderWaiting = false; // for a free slot
      events.add(new long[] {start, SENDER, 0, 0});
      while (!events.isEmpty()) {
        long[] e = events.poll();
        moveTo(e[0]);
        long now = nanos();
        switch ((int) e[1]) {
          case SENDER -> {
            if (next >= n) {
              break;
            }
            if (free.isEmpty()) {
              senderWaiting = true;
              break;
            }
            Duration pause = gate.pause();
            if (!pause.isZero()) {
              events.add(new long[] {now + pause.toNanos(), SENDER, 0, 0});
              break;
            }
            Duration pace = gate.reserve();
            events.add(new long[] {now + pace.toNanos(), SEND_NOW, 0, 0});
          }
          case SEND_NOW -> {
            if (!gate.pause().isZero()) { // a 429 came while spacing: wait again
              events.add(new long[] {now, SENDER, 0, 0});
              break;
            }
            free.poll();
            next++;
            send(now, 1);
            events.add(new long[] {now, SENDER, 0, 0});
          }
          case RETRY -> { // due: waits for its turn as the engine's retryInTurn does
            boolean placed = e[3] == 1;
            Duration pause = gate.pause();
            Duration more = !pause.isZero() ? pause : placed ? Duration.ZERO : gate.reserve();
            if (more.isZero()) {
              send(now, (int) e[2]);
            } else {
              events.add(new long[] {now + more.toNanos(), RETRY, e[2], pause.isZero() ? 1 : 0});
            }
          }
          case ANSWER -> {
            int attempt = (int) e[2];
            boolean ok = e[3] >= 0;
            if (ok) {
              gate.answered(headers(e[3]));
              finished++;
              free.add(0);
            } else {
              gate.rateLimited(Duration.ofSeconds(1));
              if (attempt < 3) { // the engine retries after Retry-After or the run's pause
                Duration wait = max(Duration.ofSeconds(1), gate.pause());
                events.add(new long[] {now + wait.toNanos(), RETRY, attempt + 1, 0});
                break;
              }
              failed++;
              finished++;
              free.add(0);
            }
            if (senderWaiting) {
              senderWaiting = false;
              events.add(new long[] {now, SENDER, 0, 0});
            }
          }
          default -> throw new AssertionError();
        }
      }
      assertEquals(n, finished, "every id finished");
      return new Outcome((nanos() - start) / 1e9, admitted, refused, failed);
    }

    /** The server decides when the request arrives and answers {@code latency} later. */
    private void send(long now, int attempt) {
      tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * rate);
      refilledAt = now;
      long left;
      if (tokens >= 1) {
        tokens -= 1;
        admitted++;
        left = (long) tokens;
      } else {
        refused++;
        left = -1;
      }
      events.add(new long[] {now + latency, ANSWER, attempt, left});
    }

    private Headers headers(long remaining) {
      if (!headers) {
        return Headers.of();
      }
      return Headers.of(
          "x-ratelimit-limit",
          Long.toString((long) rate),
          "x-ratelimit-remaining",
          Long.toString(remaining),
          "x-ratelimit-reset",
          String.format(java.util.Locale.ROOT, "%.3f", (burst - remaining) / rate));
    }

    private static Duration max(Duration a, Duration b) {
      return a.compareTo(b) >= 0 ? a : b;
    }
  }

  @Test
  void aRateLimitWithoutHeadersIsLearntFromItsFirst429s() {
    Outcome o = new Simulation(200, 20, Duration.ofMillis(20), false).run(4000, 8);

    assertEquals(0, o.failed(), o.toString());
    assertTrue(o.seconds() <= 1.15 * 4000 / 200, o.toString());
    assertTrue(o.refusedShare() <= 0.02, o.toString());
  }

  @Test
  void aRateLimitWithHeadersIsKeptWithoutA429() {
    Outcome o = new Simulation(200, 20, Duration.ofMillis(20), true).run(4000, 8);

    assertEquals(0, o.failed(), o.toString());
    assertTrue(o.seconds() <= 1.15 * 4000 / 200, o.toString());
    assertTrue(o.refusedShare() <= 0.02, o.toString());
  }

  @Test
  void withoutALimitTheRunGoesAtFullSpeed() {
    Outcome o = new Simulation(1e9, 1e9, Duration.ofMillis(20), false).run(4000, 8);

    assertEquals(0, o.refused(), o.toString());
    assertEquals(4000 * 0.020 / 8, o.seconds(), 0.05, o.toString());
  }

  @Test
  void otherRatesAndConcurrenciesLoseNoIdAndStayNearTheirIdeal() {
    for (double r : new double[] {50, 200, 1000}) {
      for (int c : new int[] {1, 8, 64}) {
        for (boolean h : new boolean[] {false, true}) {
          Outcome o = new Simulation(r, r / 10, Duration.ofMillis(20), h).run(2000, c);
          double ideal = Math.max(2000 / r, 2000 * 0.020 / c); // the limit, or the concurrency
          String what = "rate " + r + ", concurrency " + c + ", headers " + h + ": " + o;

          assertEquals(0, o.failed(), what);
          assertTrue(o.refusedShare() <= 0.05, what);
          assertTrue(o.seconds() <= 2 * ideal, what);
        }
      }
    }
  }
}
