package dev.cancelkit.testkit;

import dev.cancelkit.testkit.SandboxJobs.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** One provider's jobs of one kind: found by key, listed in the order they were added. */
final class JobBook {
  private final Map<String, Job> byKey = new ConcurrentHashMap<>();
  private final List<Job> inOrder = new CopyOnWriteArrayList<>();

  void put(String key, Job job) {
    Job previous = byKey.put(key, job);
    if (previous != null) {
      inOrder.remove(previous);
    }
    inOrder.add(job);
  }

  Job get(String key) {
    return byKey.get(key);
  }

  /** Every job, oldest first. */
  List<Job> all() {
    return new ArrayList<>(inOrder);
  }
}
