package dev.cancelkit.common.internal.attempt;

import java.util.ArrayDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client's bound on attempts in flight, shared by blocking calls (sent on the caller's thread)
 * and async ones (sent by OkHttp's dispatcher): first come, first served. A slot is held from an
 * attempt's send to its answer, not across the wait before a retry. While nobody waits, taking and
 * giving back a slot is one compare-and-set: sixteen threads calling at once do not queue on a
 * lock.
 */
public final class Slots {
  /** Told, with the slot already held for it, that its turn came; must not block. */
  interface Waiter {
    void granted();
  }

  private final int max;
  private final Semaphore free;
  private final AtomicInteger waiting = new AtomicInteger();
  private final ArrayDeque<Waiter> queue = new ArrayDeque<>(); // guarded by itself

  Slots(int max) {
    this.max = max;
    this.free = new Semaphore(max);
  }

  /** Takes a slot (true), or queues {@code waiter} to be granted one when one frees (false). */
  boolean takeOrQueue(Waiter waiter) {
    if (waiting.get() == 0 && free.tryAcquire()) {
      return true;
    }
    synchronized (queue) {
      queue.add(waiter);
      waiting.incrementAndGet();
    }
    return handOut(waiter);
  }

  /** Takes {@code waiter} out of the queue; false if it was granted a slot meanwhile. */
  boolean withdraw(Waiter waiter) {
    synchronized (queue) {
      if (queue.remove(waiter)) {
        waiting.decrementAndGet();
        return true;
      }
      return false;
    }
  }

  /** Gives a slot back: to the first waiter, or to the pool. */
  void release() {
    free.release();
    if (waiting.get() > 0) {
      handOut(null);
    }
  }

  /**
   * Gives free slots to waiters in their order; true if {@code self} (who is not to be told) got
   * one. A waiter queued just as a slot was given back still gets it: whoever queues or gives back
   * hands out.
   */
  private boolean handOut(Waiter self) {
    boolean mine = false;
    while (waiting.get() > 0 && free.tryAcquire()) {
      Waiter next;
      synchronized (queue) {
        next = queue.poll();
        if (next != null) {
          waiting.decrementAndGet();
        }
      }
      if (next == null) {
        free.release();
        break;
      }
      if (next == self) {
        mine = true;
      } else {
        next.granted();
      }
    }
    return mine;
  }

  public int inUse() {
    return max - free.availablePermits();
  }
}
