package dev.cancelkit.common.json;

import com.squareup.moshi.Moshi;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

/** The one Moshi instance every cancelkit client parses with. */
public final class JsonSupport {
  private static final Moshi MOSHI =
      new Moshi.Builder()
          .add(new LenientEnumAdapterFactory())
          .add(new SealedOneOfAdapterFactory())
          .add(OffsetDateTime.class, new OffsetDateTimeAdapter().nullSafe())
          .add(BigDecimal.class, new BigDecimalAdapter().nullSafe())
          .build();

  private static final ClassValue<Map<Enum<?>, String>> WIRE_NAMES =
      new ClassValue<>() {
        @Override
        protected Map<Enum<?>, String> computeValue(Class<?> type) {
          Map<Enum<?>, String> names = new HashMap<>();
          for (Object constant : type.getEnumConstants()) {
            names.put((Enum<?>) constant, LenientEnumAdapterFactory.wireName((Enum<?>) constant));
          }
          return names;
        }
      };

  private JsonSupport() {}

  /**
   * The text an enum constant stands for on the wire, or null for the generator's {@code
   * UNKNOWN_DEFAULT_OPEN_API} (which stands for any value nobody documented).
   */
  public static String wireName(Enum<?> constant) {
    return constant.name().equals(LenientEnumAdapterFactory.UNKNOWN_CONSTANT)
        ? null
        : WIRE_NAMES.get(constant.getDeclaringClass()).get(constant);
  }

  /**
   * Returns the shared Moshi: generated models with {@code @Json} names, enums that never fail on
   * an unknown value, sealed oneOf interfaces, {@code OffsetDateTime} and {@code BigDecimal}.
   */
  public static Moshi moshi() {
    return MOSHI;
  }
}
