package dev.cancelkit.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code 90s}, {@code 10m}, {@code 1h}, {@code 500ms}, or ISO 8601 such as {@code PT5M}. */
final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    try {
      if (v.startsWith("pt") || v.startsWith("p")) {
        return positive(Duration.parse(v.toUpperCase(Locale.ROOT)), value);
      }
      if (v.endsWith("ms")) {
        return positive(Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2))), value);
      }
      long n = Long.parseLong(v.substring(0, v.length() - 1));
      switch (v.charAt(v.length() - 1)) {
        case 's':
          return positive(Duration.ofSeconds(n), value);
        case 'm':
          return positive(Duration.ofMinutes(n), value);
        case 'h':
          return positive(Duration.ofHours(n), value);
        default:
          break;
      }
    } catch (RuntimeException e) {
      // fall through to the message below
    }
    throw new TypeConversionException(
        "'" + value + "' is not a duration such as 30s, 10m, 1h or PT5M");
  }

  private static Duration positive(Duration d, String value) {
    if (d.isNegative()) {
      throw new TypeConversionException("'" + value + "' is negative");
    }
    return d;
  }
}
