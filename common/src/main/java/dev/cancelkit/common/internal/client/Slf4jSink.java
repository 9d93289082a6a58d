package dev.cancelkit.common.internal.client;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends HTTP log lines to the SLF4J logger {@code dev.cancelkit.http} at DEBUG. Looked up only when
 * logging is on.
 */
public final class Slf4jSink {
  static final String LOGGER = "dev.cancelkit.http";

  private Slf4jSink() {}

  public static Consumer<String> create() {
    Logger logger = LoggerFactory.getLogger(LOGGER);
    return logger::debug;
  }
}
