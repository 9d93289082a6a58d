package dev.cancelkit.common.internal.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** cancelkit's own version, written into a resource at build time. */
public final class Version {
  static final String CANCELKIT = load();

  private Version() {}

  private static String load() {
    try (InputStream in =
        Version.class.getResourceAsStream("/dev/cancelkit/common/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The {@code User-Agent} of every request: names cancelkit, its version, the provider and the
   * JVM.
   */
  public static String userAgent(String provider) {
    return "cancelkit/"
        + CANCELKIT
        + " ("
        + provider
        + "; Java "
        + System.getProperty("java.version")
        + ")";
  }
}
