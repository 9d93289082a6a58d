package dev.cancelkit.common.json;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** ISO 8601 date-times; one without an offset is taken as UTC. */
final class OffsetDateTimeAdapter extends JsonAdapter<OffsetDateTime> {
  @Override
  public OffsetDateTime fromJson(JsonReader reader) throws IOException {
    String text = reader.nextString();
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeParseException withOffset) {
      try {
        return LocalDateTime.parse(text).atOffset(ZoneOffset.UTC);
      } catch (DateTimeParseException withoutOffset) {
        throw new JsonDataException("Expected an ISO 8601 date-time but was " + text + " at path " + reader.getPath());
      }
    }
  }

  @Override
  public void toJson(JsonWriter writer, OffsetDateTime value) throws IOException {
    writer.value(value.toString());
  }
}
