package dev.cancelkit.common.internal;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends HTTP log lines to the SLF4J logger {@code dev.cancelkit.http} at DEBUG. Looked up only when
 * logging is on.
 */
final class Slf4jSink {
  static final String LOGGER = "dev.cancelkit.http";

  private Slf4jSink() {}

  static Consumer<String> create() {
    Logger logger = LoggerFactory.getLogger(LOGGER);
    return logger::debug;
  }
}
