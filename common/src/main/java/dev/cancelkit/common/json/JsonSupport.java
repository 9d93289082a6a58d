package dev.cancelkit.common.json;

import com.squareup.moshi.Moshi;

/** The one Moshi instance every cancelkit client parses with. */
public final class JsonSupport {
  private static final Moshi MOSHI =
      new Moshi.Builder()
          .add(new LenientEnumAdapterFactory())
          .add(new SealedOneOfAdapterFactory())
          .add(java.time.OffsetDateTime.class, new OffsetDateTimeAdapter().nullSafe())
          .add(java.math.BigDecimal.class, new BigDecimalAdapter().nullSafe())
          .build();

  private static final ClassValue<java.util.Map<Enum<?>, String>> WIRE_NAMES =
      new ClassValue<>() {
        @Override
        protected java.util.Map<Enum<?>, String> computeValue(Class<?> type) {
          java.util.Map<Enum<?>, String> names = new java.util.HashMap<>();
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
