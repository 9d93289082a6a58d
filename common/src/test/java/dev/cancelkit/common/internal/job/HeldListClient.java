package dev.cancelkit.common.internal.job;

import dev.cancelkit.common.InvalidResponseException;

/**
 * Run by {@link HeldListTest} in a child JVM with a small heap: asks for the ACTIVE jobs of one
 * unpaged answer (which holds them in a list) and prints how many it kept, or why it stopped.
 */
public final class HeldListClient {
  private HeldListClient() {}

  public static void main(String[] args) {
    CancelOperation<TestJob> jobs = ChildJvm.client(args[0], 64);
    try {
      System.out.println("kept " + jobs.active().size());
    } catch (InvalidResponseException e) {
      System.out.println(e.getMessage());
    }
    System.exit(0);
  }
}
