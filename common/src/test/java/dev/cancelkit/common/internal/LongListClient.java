package dev.cancelkit.common.internal;

import dev.cancelkit.common.JobState;
import dev.cancelkit.common.JobStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Run by {@link LongListTest} in a child JVM with a small heap: lists every job of one long,
 * unpaged answer and prints how many it saw and how many were ACTIVE.
 */
public final class LongListClient {
  private LongListClient() {}

  public static void main(String[] args) {
    ClientRuntime runtime =
        ClientRuntime.create(
            TestServer.PROVIDER,
            new ClientOptions(
                TestServer.KEY,
                args[0],
                Duration.ofSeconds(120),
                null,
                0,
                64,
                null,
                false,
                name -> null,
                Clock.systemUTC(),
                RetryTimer.SYSTEM,
                false,
                null));
    TestApi api = runtime.service(TestApi.class);
    CancelOperation<TestJob> jobs =
        CancelOperation.builder(runtime, TestJob.class)
            .cancel(api::cancel)
            .read(api::get)
            .list(ListSpec.unpaged(api::list, null))
            .states(TestServer.STATES)
            .build();
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
