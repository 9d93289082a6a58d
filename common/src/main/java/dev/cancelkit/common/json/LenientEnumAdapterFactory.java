package dev.cancelkit.common.json;

import com.squareup.moshi.Json;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads enums by their {@code @Json} names and never fails on a value it does not know: an unknown
 * value becomes the generator's {@code UNKNOWN_DEFAULT_OPEN_API} constant (or null if the enum has
 * none).
 */
final class LenientEnumAdapterFactory implements JsonAdapter.Factory {
  /**
   * The constant openapi-generator adds to every enum when {@code enumUnknownDefaultCase} is on.
   */
  static final String UNKNOWN_CONSTANT = "UNKNOWN_DEFAULT_OPEN_API";

  @Override
  public JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
    if (!annotations.isEmpty()) {
      return null;
    }
    Class<?> raw = Types.getRawType(type);
    if (!raw.isEnum()) {
      return null;
    }
    return adapterFor(raw);
  }

  /**
   * Java cannot name {@code E extends Enum<E>} for a class known only at run time; the class is an
   * enum.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static JsonAdapter<?> adapterFor(Class<?> enumType) {
    return new Adapter(enumType).nullSafe();
  }

  /** The wire name of an enum constant: its {@code @Json(name)} or, without one, its Java name. */
  static String wireName(Enum<?> constant) {
    try {
      Json json = constant.getDeclaringClass().getField(constant.name()).getAnnotation(Json.class);
      return json != null ? json.name() : constant.name();
    } catch (NoSuchFieldException e) {
      throw new AssertionError(e);
    }
  }

  private static final class Adapter<E extends Enum<E>> extends JsonAdapter<E> {
    private final Class<E> type;
    private final Map<String, E> byName = new HashMap<>();
    private final Map<E, String> names = new HashMap<>();
    private final E fallback;

    Adapter(Class<E> type) {
      this.type = type;
      E unknown = null;
      for (E constant : type.getEnumConstants()) {
        String name = wireName(constant);
        byName.put(name, constant);
        names.put(constant, name);
        if (constant.name().equals(UNKNOWN_CONSTANT)) {
          unknown = constant;
        }
      }
      this.fallback = unknown;
    }

    @Override
    public E fromJson(JsonReader reader) throws IOException {
      if (reader.peek() == JsonReader.Token.STRING) {
        E known = byName.get(reader.nextString());
        return known != null ? known : fallback;
      }
      reader.skipValue(); // a number, boolean, object or array where a string was documented
      return fallback;
    }

    @Override
    public void toJson(JsonWriter writer, E value) throws IOException {
      writer.value(names.get(value));
    }

    @Override
    public String toString() {
      return "LenientEnumAdapter(" + type.getName() + ")";
    }
  }
}
