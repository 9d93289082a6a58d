package dev.cancelkit.cli;

import java.net.IDN;
import java.security.Security;
import java.util.logging.Logger;

/**
 * The JDK's slowest first steps of a call, taken on the idle core while the command line is still
 * being read: OkHttp canonicalizes every host through {@link IDN} (which loads the JDK's IDNA
 * tables), lists the security providers to choose its platform (which loads all of them, about a
 * sixth of a cancel's start-up) and makes a {@code java.util.logging} logger for its task runner.
 * Only the JDK's own classes are touched, each made to be initialized from any thread, so nothing
 * of the command depends on the order the two threads take.
 */
final class Warmup {
  private Warmup() {}

  /** Starts the warm-up of one call on a daemon thread. */
  static void ofACall() {
    Thread t = new Thread(Warmup::run, "cancelkit-warmup");
    t.setDaemon(true);
    t.start();
  }

  private static void run() {
    try {
      IDN.toASCII("localhost");
      Security.getProviders();
      Logger.getLogger(Warmup.class.getName());
    } catch (RuntimeException e) {
      // a warm-up only: the call itself meets whatever this met, and reports it
    }
  }
}
