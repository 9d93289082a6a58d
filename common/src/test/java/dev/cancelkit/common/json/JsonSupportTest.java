package dev.cancelkit.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.squareup.moshi.Json;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/**
 * The adapters behind {@link JsonSupport#moshi()}, on hand-written classes shaped like the
 * generated ones.
 */
class JsonSupportTest {
  enum Level {
    @Json(name = "info")
    INFO,
    @Json(name = "legacy_info")
    LEGACY_INFO,
    @Json(name = "unknown_default_open_api")
    UNKNOWN_DEFAULT_OPEN_API
  }

  enum Plain {
    @Json(name = "a")
    A
  }

  sealed interface Shape permits Circle, Square {}

  static final class Circle implements Shape {
    enum Kind {
      @Json(name = "circle")
      CIRCLE,
      @Json(name = "unknown_default_open_api")
      UNKNOWN_DEFAULT_OPEN_API
    }

    @Json(name = "kind")
    @jakarta.annotation.Nonnull
    Kind kind;

    @Json(name = "radius")
    @jakarta.annotation.Nonnull
    Double radius;
  }

  static final class Square implements Shape {
    @Json(name = "side")
    @jakarta.annotation.Nonnull
    Double side;

    @Json(name = "label")
    String label;
  }

  static final class Holder {
    @Json(name = "shape")
    Shape shape;
  }

  private static <T> T read(Class<T> type, String json) throws IOException {
    return JsonSupport.moshi().adapter(type).fromJson(json);
  }

  @Test
  void enumReadsWireNames() throws IOException {
    assertEquals(Level.LEGACY_INFO, read(Level.class, "\"legacy_info\""));
  }

  @Test
  void unknownEnumStringIsTheUnknownConstant() throws IOException {
    assertEquals(Level.UNKNOWN_DEFAULT_OPEN_API, read(Level.class, "\"debug\""));
  }

  @Test
  void enumOfTheWrongJsonTypeIsTheUnknownConstant() throws IOException {
    assertEquals(Level.UNKNOWN_DEFAULT_OPEN_API, read(Level.class, "{\"x\":[1]}"));
    assertEquals(Level.UNKNOWN_DEFAULT_OPEN_API, read(Level.class, "7"));
  }

  @Test
  void enumNullIsNull() throws IOException {
    assertNull(read(Level.class, "null"));
  }

  @Test
  void enumWithoutUnknownConstantReadsUnknownAsNull() throws IOException {
    assertNull(read(Plain.class, "\"b\""));
  }

  @Test
  void enumWritesWireName() {
    assertEquals(
        "\"legacy_info\"", JsonSupport.moshi().adapter(Level.class).toJson(Level.LEGACY_INFO));
  }

  @Test
  void oneOfPicksTheMemberWhoseEnumMatches() throws IOException {
    Holder h = read(Holder.class, "{\"shape\":{\"kind\":\"circle\",\"radius\":2.5}}");

    assertEquals(2.5, assertInstanceOf(Circle.class, h.shape).radius);
  }

  @Test
  void oneOfPicksTheMemberWhoseRequiredKeysArePresent() throws IOException {
    Holder h = read(Holder.class, "{\"shape\":{\"side\":3,\"label\":\"s\"}}");

    assertEquals("s", assertInstanceOf(Square.class, h.shape).label);
  }

  @Test
  void oneOfNullIsNull() throws IOException {
    assertNull(read(Holder.class, "{\"shape\":null}").shape);
  }

  @Test
  void oneOfThatIsNotAnObjectFails() {
    assertThrows(JsonDataException.class, () -> read(Holder.class, "{\"shape\":\"circle\"}"));
  }

  @Test
  void oneOfWritesTheMember() {
    Holder h = new Holder();
    Square s = new Square();
    s.side = 1.0;
    h.shape = s;

    assertEquals("{\"shape\":{\"side\":1.0}}", JsonSupport.moshi().adapter(Holder.class).toJson(h));
  }

  @Test
  void dateTimeWithOffset() throws IOException {
    assertEquals(
        OffsetDateTime.parse("2026-04-27T14:32:18.421Z"),
        read(OffsetDateTime.class, "\"2026-04-27T14:32:18.421000Z\""));
  }

  @Test
  void dateTimeWithoutOffsetIsUtc() throws IOException {
    assertEquals(
        OffsetDateTime.parse("2026-04-27T14:32:18Z"),
        read(OffsetDateTime.class, "\"2026-04-27T14:32:18\""));
  }

  @Test
  void dateTimeThatIsNotOneFails() {
    JsonDataException e =
        assertThrows(JsonDataException.class, () -> read(OffsetDateTime.class, "\"yesterday\""));

    assertEquals("Expected an ISO 8601 date-time but was yesterday at path $", e.getMessage());
  }

  @Test
  void bigDecimalKeepsTheLiteral() throws IOException {
    assertEquals(
        new BigDecimal("75.000000000000000001"), read(BigDecimal.class, "75.000000000000000001"));
    assertEquals(new BigDecimal("12.5"), read(BigDecimal.class, "\"12.5\""));
  }

  @Test
  void sharedInstance() {
    JsonAdapter<Level> a = JsonSupport.moshi().adapter(Level.class);
    assertEquals(a.toString(), JsonSupport.moshi().adapter(Level.class).toString());
  }
}
