package dev.cancelkit.common.testing;

import dev.cancelkit.common.internal.client.RetryTimer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * Records every wait instead of waiting, and moves its {@link FakeClock} by it. With {@code hold},
 * scheduled attempts wait until released.
 */
public final class FakeTimer implements RetryTimer {
  public final FakeClock clock = new FakeClock();
  public final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
  final List<String> sleepers = Collections.synchronizedList(new ArrayList<>());
  public final List<FutureTask<?>> held = Collections.synchronizedList(new ArrayList<>());
  public volatile boolean hold;

  @Override
  public void sleep(Duration delay) {
    waits.add(delay);
    sleepers.add(Thread.currentThread().getName());
    clock.advance(delay);
  }

  @Override
  public Future<?> schedule(Duration delay, Runnable task) {
    waits.add(delay);
    if (hold) {
      FutureTask<?> pending = new FutureTask<>(task, null);
      held.add(pending);
      return pending;
    }
    clock.advance(delay); // the task runs when its time has come
    task.run();
    return CompletableFuture.completedFuture(null);
  }
}
