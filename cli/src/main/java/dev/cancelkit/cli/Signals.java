package dev.cancelkit.cli;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM: the first interrupts the command's thread, so a bulk run sends
 * nothing more, gives the calls in flight their grace and prints what it knows; a second ends the
 * grace; a third, or a command that has not ended {@link #PATIENCE_SECONDS} later, exits at once.
 * While nothing can have been sent (a prompt, reading ids), the first exits at once.
 */
final class Signals {
  /** How long after the first signal the command may take to print its record. */
  static final long PATIENCE_SECONDS = 6;

  private static final AtomicInteger COUNT = new AtomicInteger();
  private static volatile String received;
  private static volatile boolean nothingSent;
  private static volatile Thread command;
  private static volatile PrintStream err;

  private Signals() {}

  /** Handles both signals from now on, interrupting {@code thread}. */
  static void install(Thread thread, PrintStream errors) {
    command = thread;
    err = errors;
    for (String name : new String[] {"INT", "TERM"}) {
      try {
        Signal.handle(new Signal(name), Signals::handle);
      } catch (IllegalArgumentException e) {
        // not a signal on this platform
      }
    }
  }

  /** The exit status of a signalled command, 130 (SIGINT) or 143 (SIGTERM); -1 if none came. */
  static int exitStatus() {
    String s = received;
    return s == null ? -1 : s.equals("TERM") ? 143 : 130;
  }

  /** Whether a signal has come. */
  static boolean received() {
    return received != null;
  }

  /** While {@code true}, nothing has been sent: a signal exits at once. */
  static void nothingSent(boolean value) {
    nothingSent = value;
  }

  private static void handle(Signal signal) {
    int n = COUNT.incrementAndGet();
    if (n == 1) {
      received = signal.getName();
    }
    if (nothingSent) {
      say("interrupted: nothing was sent");
      Runtime.getRuntime().halt(exitStatus());
    }
    if (n >= 3) {
      say("interrupted three times: exiting now");
      Runtime.getRuntime().halt(exitStatus());
    }
    Thread t = command;
    if (t != null) {
      t.interrupt();
    }
    if (n == 1) {
      Thread watchdog =
          new Thread(
              () -> {
                try {
                  TimeUnit.SECONDS.sleep(PATIENCE_SECONDS);
                } catch (InterruptedException e) {
                  return;
                }
                say("interrupted: still not stopped after " + PATIENCE_SECONDS + " s; exiting");
                Runtime.getRuntime().halt(exitStatus());
              },
              "cancelkit-signal-watchdog");
      watchdog.setDaemon(true);
      watchdog.start();
    }
  }

  private static void say(String text) {
    PrintStream e = err;
    if (e != null) {
      e.println();
      e.println("cancelkit: " + text);
      e.flush();
    }
  }
}
