package dev.cancelkit.cli;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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

  private static volatile Thread installing;

  /**
   * Starts installing the handlers on another thread (making the handler costs about 25 ms of a
   * start-up of a few hundred): until {@link #awaitInstalled} a signal ends the JVM at once, as it
   * should while the command line is still being parsed.
   */
  static void installInBackground(Thread thread, PrintStream errors) {
    Thread t = new Thread(() -> install(thread, errors), "cancelkit-signals");
    t.setDaemon(true);
    installing = t;
    t.start();
  }

  /** Returns once the handlers are in place (at once if none are being installed). */
  static void awaitInstalled() {
    Thread t = installing;
    if (t == null) {
      return;
    }
    boolean interrupted = false;
    while (t.isAlive()) {
      try {
        t.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Handles both signals from now on, interrupting {@code thread}. */
  static void install(Thread thread, PrintStream errors) {
    command = thread;
    err = errors;
    for (String name : new String[] {"INT", "TERM"}) {
      try {
        handle(name);
      } catch (ReflectiveOperationException | IllegalArgumentException e) {
        // not a signal on this platform, or ignored by the parent (a background job's SIGINT)
      }
    }
  }

  /**
   * {@code sun.misc.Signal.handle(new Signal(name), handler)}, through reflection: every direct use
   * draws a javac warning ("internal proprietary API") that no option or annotation silences.
   */
  private static void handle(String name) throws ReflectiveOperationException {
    ClassLoader loader = Signals.class.getClassLoader();
    Class<?> signal = Class.forName("sun.misc.Signal", true, loader);
    Class<?> handler = Class.forName("sun.misc.SignalHandler", true, loader);
    Method getName = signal.getMethod("getName");
    Object onSignal =
        Proxy.newProxyInstance(
            loader,
            new Class<?>[] {handler},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "handle":
                  onSignal((String) getName.invoke(args[0]));
                  return null;
                case "hashCode":
                  return System.identityHashCode(proxy);
                case "equals":
                  return proxy == args[0];
                default:
                  return "cancelkit signal handler";
              }
            });
    signal
        .getMethod("handle", signal, handler)
        .invoke(null, signal.getConstructor(String.class).newInstance(name), onSignal);
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

  private static void onSignal(String name) {
    int n = COUNT.incrementAndGet();
    if (n == 1) {
      received = name;
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
