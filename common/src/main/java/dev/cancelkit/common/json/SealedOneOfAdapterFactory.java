package dev.cancelkit.common.json;

import com.squareup.moshi.Json;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes a {@code oneOf} that openapi-generator turned into a sealed interface whose
 * permitted classes are the members. The specs have no discriminator, so the member is deduced from
 * the object's keys: the one whose single-valued enum fields (such as {@code "method": "sft"})
 * match, whose required fields are present, and which knows the most of the keys. Ties go to the
 * member listed first. An object that fits no member exactly (a new enum value, say) still parses,
 * into the closest one.
 */
final class SealedOneOfAdapterFactory implements JsonAdapter.Factory {
  @Override
  public JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
    if (!annotations.isEmpty()) {
      return null;
    }
    Class<?> raw = Types.getRawType(type);
    if (!raw.isInterface() || !raw.isSealed()) {
      return null;
    }
    List<Member> members = new ArrayList<>();
    for (Class<?> permitted : raw.getPermittedSubclasses()) {
      members.add(new Member(permitted, moshi.adapter(permitted), Shape.of(permitted)));
    }
    return new Adapter(raw, members).nullSafe();
  }

  private static final class Adapter extends JsonAdapter<Object> {
    private final Class<?> type;
    private final List<Member> members;

    Adapter(Class<?> type, List<Member> members) {
      this.type = type;
      this.members = members;
    }

    @Override
    public Object fromJson(JsonReader reader) throws IOException {
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
        throw new JsonDataException(
            "Expected an object for "
                + type.getSimpleName()
                + " but was "
                + reader.peek()
                + " at path "
                + reader.getPath());
      }
      Map<String, String> keys = topLevelKeys(reader.peekJson());
      Member best = null;
      long bestRank = Long.MIN_VALUE;
      for (Member member : members) {
        long rank = member.shape.rank(keys);
        if (rank > bestRank) {
          best = member;
          bestRank = rank;
        }
      }
      if (best == null) {
        throw new JsonDataException(
            type.getSimpleName() + " has no members at path " + reader.getPath());
      }
      return best.adapter.fromJson(reader);
    }

    @Override
    public void toJson(JsonWriter writer, Object value) throws IOException {
      for (Member member : members) {
        if (member.type == value.getClass()) {
          member.adapter.toJson(writer, value);
          return;
        }
      }
      throw new IllegalArgumentException(value.getClass() + " is not a member of " + type);
    }

    @Override
    public String toString() {
      return "SealedOneOfAdapter(" + type.getName() + ")";
    }

    /** Each top-level key, mapped to its value when that is a string, else to null. */
    private static Map<String, String> topLevelKeys(JsonReader peek) throws IOException {
      Map<String, String> keys = new HashMap<>();
      peek.beginObject();
      while (peek.hasNext()) {
        String name = peek.nextName();
        if (peek.peek() == JsonReader.Token.STRING) {
          keys.put(name, peek.nextString());
        } else {
          peek.skipValue();
          keys.put(name, null);
        }
      }
      return keys;
    }
  }

  private static final class Member {
    final Class<?> type;
    final JsonAdapter<Object> adapter;
    final Shape shape;

    @SuppressWarnings("unchecked")
    Member(Class<?> type, JsonAdapter<?> adapter, Shape shape) {
      this.type = type;
      this.adapter = (JsonAdapter<Object>) adapter;
      this.shape = shape;
    }
  }

  /**
   * What a member class says about its JSON: its keys, the required ones, and the values of its
   * enum keys.
   */
  static final class Shape {
    private final Set<String> keys = new HashSet<>();
    private final Set<String> required = new HashSet<>();
    private final Map<String, Set<String>> enumValues = new HashMap<>();

    static Shape of(Class<?> type) {
      Shape shape = new Shape();
      for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
        for (Field field : c.getDeclaredFields()) {
          int modifiers = field.getModifiers();
          if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers)) {
            continue;
          }
          Json json = field.getAnnotation(Json.class);
          String name = json != null ? json.name() : field.getName();
          shape.keys.add(name);
          if (field.isAnnotationPresent(jakarta.annotation.Nonnull.class)) {
            shape.required.add(name);
          }
          if (field.getType().isEnum()) {
            Set<String> values = new HashSet<>();
            for (Object constant : field.getType().getEnumConstants()) {
              Enum<?> e = (Enum<?>) constant;
              if (!e.name().equals(LenientEnumAdapterFactory.UNKNOWN_CONSTANT)) {
                values.add(LenientEnumAdapterFactory.wireName(e));
              }
            }
            shape.enumValues.put(name, values);
          }
        }
      }
      return shape;
    }

    /**
     * How well an object with these keys fits: fewer enum mismatches first, then fewer missing
     * required keys, then more known keys. Higher is better.
     */
    long rank(Map<String, String> object) {
      long enumMismatches = 0;
      for (Map.Entry<String, Set<String>> e : enumValues.entrySet()) {
        if (object.containsKey(e.getKey()) && !e.getValue().contains(object.get(e.getKey()))) {
          enumMismatches++;
        }
      }
      long missing = 0;
      for (String key : required) {
        if (!object.containsKey(key)) {
          missing++;
        }
      }
      long known = 0;
      for (String key : object.keySet()) {
        if (keys.contains(key)) {
          known++;
        }
      }
      return -(enumMismatches << 40) - (missing << 20) + known;
    }
  }
}
