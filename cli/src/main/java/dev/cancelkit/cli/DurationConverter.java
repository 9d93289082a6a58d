package dev.cancelkit.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code 500ms}, {@code 90s}, {@code 10m}, {@code 1h}, combined as {@code 1h30m} or {@code 1m30s},
 * or ISO 8601 such as {@code PT5M}.
 */
final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|h|m|s)");
  private static final Pattern WHOLE = Pattern.compile("-?(\\d+(ms|h|m|s))+");

  /** Whether {@code value} is written as a duration (it may still be out of range). */
  static boolean looksLikeOne(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    return WHOLE.matcher(v).matches() || v.matches("-?p(t?)[0-9].*");
  }

  @Override
  public Duration convert(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.startsWith("-")) {
      throw new TypeConversionException(
          "'" + value + "' is negative: give a duration such as 30s, 10m or 1h30m");
    }
    try {
      if (v.startsWith("p")) {
        Duration d = Duration.parse(v.toUpperCase(Locale.ROOT));
        if (d.isNegative()) {
          throw new TypeConversionException(
              "'" + value + "' is negative: give a duration such as 30s, 10m or 1h30m");
        }
        return d;
      }
      if (WHOLE.matcher(v).matches()) {
        Duration d = Duration.ZERO;
        Matcher m = PART.matcher(v);
        while (m.find()) {
          long n = Long.parseLong(m.group(1));
          d =
              d.plus(
                  switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                  });
        }
        return d;
      }
    } catch (ArithmeticException
        | NumberFormatException
        | java.time.format.DateTimeParseException e) {
      // the message below
    }
    throw new TypeConversionException(
        "'" + value + "' is not a duration such as 30s, 10m, 1h30m or PT5M");
  }

  /**
   * {@code d} as this converter reads it: {@code 1s}, {@code 10m}, {@code 1m30s}, {@code 250ms}.
   */
  static String format(Duration d) {
    if (d.toMillis() < 1000 || d.toMillisPart() != 0 && d.toMinutes() == 0) {
      return d.toSeconds() > 0
          ? String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0)
          : d.toMillis() + "ms";
    }
    StringBuilder s = new StringBuilder();
    if (d.toHours() > 0) {
      s.append(d.toHours()).append('h');
    }
    if (d.toMinutesPart() > 0) {
      s.append(d.toMinutesPart()).append('m');
    }
    if (d.toSecondsPart() > 0 || s.length() == 0) {
      s.append(d.toSecondsPart()).append('s');
    }
    return s.toString();
  }
}
