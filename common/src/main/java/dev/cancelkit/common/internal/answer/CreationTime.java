package dev.cancelkit.common.internal.answer;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * How a kind's document writes a job's {@code created_at}. A value in the other form is not read as
 * a time: a number where text is documented may be seconds or milliseconds, and a guess could make
 * a recent job look old to {@code olderThan}.
 */
public enum CreationTime {
  /** ISO 8601 text, {@code 2026-04-27T14:32:18.421Z} (Together, Archetype). */
  ISO_8601,
  /** Whole or fractional Unix seconds, {@code 1766003277} (Cerebras). */
  UNIX_SECONDS;

  /** The time {@code raw} names in this form; null for anything else. */
  Instant parse(Object raw) {
    if (this == UNIX_SECONDS) {
      if (!(raw instanceof Number n)) {
        return null;
      }
      double seconds = n.doubleValue();
      return Double.isFinite(seconds) && Math.abs(seconds) < 1e12
          ? Instant.ofEpochMilli((long) (seconds * 1000))
          : null;
    }
    if (!(raw instanceof String text)) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC); // no offset: UTC, as sent
      } catch (DateTimeParseException again) {
        return null;
      }
    }
  }
}
