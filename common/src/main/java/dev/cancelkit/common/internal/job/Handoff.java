package dev.cancelkit.common.internal.job;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands a list's jobs from the thread that reads the answer to the thread that consumes the stream,
 * a few at a time: the reader waits while the consumer holds {@link #MAX_ITEMS} jobs or {@link
 * #MAX_BYTES} of them unread, so memory stays flat however long the answer is, and the consumer
 * waits interruptibly.
 */
final class Handoff<T> {
  static final int MAX_ITEMS = 256;
  static final long MAX_BYTES = 4L << 20;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<T> items = new ArrayDeque<>();
  private final ArrayDeque<Long> sizes = new ArrayDeque<>();
  private long bytes;
  private long lastTaken;
  private boolean ended;
  private boolean abandoned;

  /**
   * Waits for room and queues {@code item}; false if the consumer went away or did not make room
   * within {@code patience} (the reader then stops reading).
   */
  boolean put(T item, long size, Duration patience) throws InterruptedException {
    long nanos = patience.toNanos();
    lock.lock();
    try {
      while (!abandoned
          && !items.isEmpty()
          && (items.size() >= MAX_ITEMS || bytes + size > MAX_BYTES)) {
        if (nanos <= 0) {
          return false;
        }
        nanos = changed.awaitNanos(nanos);
      }
      if (abandoned) {
        return false;
      }
      items.add(item);
      sizes.add(size);
      bytes += size;
      changed.signalAll();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** No more items will come (the answer ended, or failed). */
  void end() {
    lock.lock();
    try {
      ended = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The consumer went away: the reader stops at its next item. */
  void abandon() {
    lock.lock();
    try {
      abandoned = true;
      items.clear();
      sizes.clear();
      bytes = 0;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The next item, or null once the answer has ended and every item was taken. */
  T take() throws InterruptedException {
    lock.lockInterruptibly();
    try {
      while (items.isEmpty() && !ended) {
        changed.await();
      }
      if (items.isEmpty()) {
        return null;
      }
      lastTaken = sizes.remove();
      bytes -= lastTaken;
      changed.signalAll();
      return items.remove();
    } finally {
      lock.unlock();
    }
  }

  /** The size given with the item {@link #take} returned last (the consumer's thread only). */
  long lastTakenSize() {
    return lastTaken;
  }
}
