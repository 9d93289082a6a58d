package dev.cancelkit.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written reading of common ISO 8601 forms agrees with the JDK's, and leaves the rest to
 * it.
 */
class OffsetDateTimeAdapterTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-01-15T14:30:00Z",
        "2026-04-27T14:32:18.421000Z",
        "2023-05-17T17:35:45.123Z",
        "2023-05-17T18:46:23+02:00",
        "1999-12-31T23:59:59.999999999-05:30",
        "2024-02-29T00:00:00.1Z",
        "2024-01-15T14:30:00+00:00"
      })
  void commonFormsReadAsTheJdkReadsThem(String text) {
    assertEquals(OffsetDateTime.parse(text), OffsetDateTimeAdapter.parseCommon(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-01-15T14:30Z",
        "2024-01-15 14:30:00Z",
        "2024-02-30T00:00:00Z",
        "2024-01-15T14:30:00",
        "2024-01-15T14:30:00.Z",
        "2024-01-15T14:30:00+0200",
        "2024-01-15T24:00:00Z",
        "x024-01-15T14:30:00Z",
        "2024-01-15T14:30:00.1234567890Z",
        "2024-01-15T14:30:00+19:00"
      })
  void otherFormsAreLeftToTheJdk(String text) {
    assertNull(OffsetDateTimeAdapter.parseCommon(text));
  }
}
