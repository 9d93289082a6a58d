package dev.cancelkit.common.internal.attempt;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Bounds the memory one client holds for bodies, however many answers arrive at once and whatever
 * they inflate to. Every answer may hold {@link #SMALL_BYTES}; reading further takes one of a few
 * large-body permits, held until the body is parsed. So a client holds at most (calls in flight x
 * 64 KiB) + (permits x the 2xx limit), and a flood of huge answers is read one or two at a time.
 */
public final class BodyBudget {
  /** What any answer may hold without a permit: every job answer cancelkit knows is smaller. */
  static final long SMALL_BYTES = 64 * 1024;

  /** How many answers may be read past {@link #SMALL_BYTES} at once. */
  static final int LARGE_PERMITS = 2;

  private final Semaphore large = new Semaphore(LARGE_PERMITS, true);

  /** A body read into memory; closing it frees the memory's permit. */
  public final class Held implements AutoCloseable {
    public final Buffer buffer;
    private boolean permit;

    private Held(Buffer buffer) {
      this.buffer = buffer;
    }

    @Override
    public void close() {
      buffer.clear();
      if (permit) {
        permit = false;
        large.release();
      }
    }
  }

  /**
   * Reads {@code source} into memory, at most {@code limit + 1} bytes (so a caller can tell that it
   * was longer than {@code limit}). Past {@link #SMALL_BYTES} it waits for a permit, giving up when
   * {@code call} is cancelled (its timeout cancels it too).
   */
  public Held read(BufferedSource source, long limit, Call call) throws IOException {
    Held held = new Held(new Buffer());
    try {
      readInto(source, held.buffer, Math.min(SMALL_BYTES, limit + 1));
      if (held.buffer.size() < SMALL_BYTES || held.buffer.size() > limit || source.exhausted()) {
        return held;
      }
      acquire(call);
      held.permit = true;
      readInto(source, held.buffer, limit + 1);
      return held;
    } catch (IOException | RuntimeException | Error e) {
      held.close();
      throw e;
    }
  }

  /**
   * Takes a large-body permit for a whole streamed answer (a list), waiting while others hold them;
   * give it back with {@link #releaseLarge}.
   */
  public void acquireLarge(Call call) throws IOException {
    acquire(call);
  }

  public void releaseLarge() {
    large.release();
  }

  private void acquire(Call call) throws IOException {
    try {
      while (!large.tryAcquire(50, TimeUnit.MILLISECONDS)) {
        if (call.isCanceled()) {
          throw new InterruptedIOException("Canceled while waiting to read a large body");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to read a large body");
    }
  }

  /** Reads into {@code sink} until it holds {@code limit} bytes or the source ends. */
  public static void readInto(BufferedSource source, Buffer sink, long limit) throws IOException {
    while (sink.size() < limit) {
      long n = source.read(sink, Math.min(8192, limit - sink.size()));
      if (n == -1) {
        return;
      }
    }
  }
}
