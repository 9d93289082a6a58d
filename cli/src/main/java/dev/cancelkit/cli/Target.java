package dev.cancelkit.cli;

import dev.cancelkit.common.Cancellable;

/** A kind of job the command line can cancel: a provider and one of its operations. */
interface Target {
  /** Such as {@code together batch}. */
  String name();

  /** The operation, from the session's client for that provider. */
  Cancellable<?> cancellable(Session session);
}
