package dev.cancelkit.common.internal.attempt;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import okhttp3.Headers;

/**
 * How long a provider asked the caller to wait: {@code retry-after-ms}, or {@code Retry-After} in
 * seconds or as an HTTP date.
 */
final class RetryAfter {
  private RetryAfter() {}

  /** The wait asked for, or null if the headers ask for none or cannot be read. Never negative. */
  static Duration parse(Headers headers, Clock clock) {
    String millis = headers.get("retry-after-ms");
    if (millis != null) {
      Duration d = seconds(millis.strip(), 1e-3);
      if (d != null) {
        return d;
      }
    }
    String value = headers.get("Retry-After");
    if (value == null) {
      return null;
    }
    Duration d = seconds(value.strip(), 1);
    if (d != null) {
      return d;
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration until = Duration.between(clock.instant(), at.toInstant());
      return until.isNegative() ? Duration.ZERO : until;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Duration seconds(String text, double unitSeconds) {
    if (!text.matches("\\d{1,12}(\\.\\d{1,9})?")) {
      return null;
    }
    return Duration.ofNanos((long) (Double.parseDouble(text) * unitSeconds * 1e9));
  }
}
