package dev.cancelkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
  private final DurationConverter converter = new DurationConverter();

  @Test
  void readsTheShortForms() {
    assertEquals(Duration.ofMillis(250), converter.convert("250ms"));
    assertEquals(Duration.ofSeconds(90), converter.convert("90s"));
    assertEquals(Duration.ofMinutes(10), converter.convert("10m"));
    assertEquals(Duration.ofHours(2), converter.convert("2H"));
    assertEquals(Duration.ofMinutes(5), converter.convert("PT5M"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "soon", "10", "5x", "-3s", "PT-1S", "m"})
  void refusesAnythingElse(String value) {
    assertThrows(TypeConversionException.class, () -> converter.convert(value));
  }
}
