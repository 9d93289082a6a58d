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

  @Test
  void readsCombinedForms() {
    assertEquals(Duration.ofSeconds(90), converter.convert("1m30s"));
    assertEquals(Duration.ofMinutes(90), converter.convert("1h30m"));
    assertEquals(Duration.ofMillis(1500), converter.convert("1s500ms"));
  }

  @Test
  void aNegativeDurationIsCalledNegative() {
    TypeConversionException e =
        assertThrows(TypeConversionException.class, () -> converter.convert("-5m"));
    assertEquals("'-5m' is negative: give a duration such as 30s, 10m or 1h30m", e.getMessage());
  }

  @Test
  void anIdDoesNotLookLikeADuration() {
    assertEquals(true, DurationConverter.looksLikeOne("15m"));
    assertEquals(true, DurationConverter.looksLikeOne("PT5M"));
    assertEquals(false, DurationConverter.looksLikeOne("batch_abc123"));
    assertEquals(false, DurationConverter.looksLikeOne("ft-01234567890123456789"));
    assertEquals(false, DurationConverter.looksLikeOne("ftj-my-finetune-run-3de60a5c"));
  }
}
