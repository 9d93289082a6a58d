package dev.cancelkit.common.internal;

import java.util.ArrayDeque;

/**
 * A client's bound on attempts in flight, shared by blocking calls (sent on the caller's thread)
 * and async ones (sent by OkHttp's dispatcher): first come, first served. A slot is held from an
 * attempt's send to its answer, not across the wait before a retry.
 */
final class Slots {
  /** Told, with the slot already held for it, that its turn came; must not block. */
  interface Waiter {
    void granted();
  }

  private final int max;
  private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
  private int used;

  Slots(int max) {
    this.max = max;
  }

  /** Takes a slot (true), or queues {@code waiter} to be granted one when one frees (false). */
  synchronized boolean takeOrQueue(Waiter waiter) {
    if (used < max && waiting.isEmpty()) {
      used++;
      return true;
    }
    waiting.add(waiter);
    return false;
  }

  /** Takes {@code waiter} out of the queue; false if it was granted a slot meanwhile. */
  synchronized boolean withdraw(Waiter waiter) {
    return waiting.remove(waiter);
  }

  /** Gives a slot back: to the first waiter, or to the pool. */
  void release() {
    Waiter next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) {
        used--;
        return;
      }
    }
    next.granted();
  }

  synchronized int inUse() {
    return used;
  }
}
