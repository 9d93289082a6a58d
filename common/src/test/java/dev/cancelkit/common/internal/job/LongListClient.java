package dev.cancelkit.common.internal.job;

import dev.cancelkit.common.JobState;
import dev.cancelkit.common.JobStatus;
import java.util.stream.Stream;

/**
 * Run by {@link LongListTest} in a child JVM with a small heap: lists every job of one long,
 * unpaged answer and prints how many it saw and how many were ACTIVE.
 */
public final class LongListClient {
  private LongListClient() {}

  public static void main(String[] args) {
    CancelOperation<TestJob> jobs = ChildJvm.client(args[0], 64);
    long seen = 0;
    long active = 0;
    try (Stream<JobStatus<TestJob>> all = jobs.list()) {
      for (JobStatus<TestJob> j : (Iterable<JobStatus<TestJob>>) all::iterator) {
        seen++;
        if (j.state() == JobState.ACTIVE) {
          active++;
        }
      }
    }
    System.out.println("seen " + seen + ", active " + active);
    System.exit(0);
  }
}
