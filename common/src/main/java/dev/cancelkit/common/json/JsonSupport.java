package dev.cancelkit.common.json;

import com.squareup.moshi.Moshi;

/** The one Moshi instance every cancelkit client parses with. */
public final class JsonSupport {
  private static final Moshi MOSHI = new Moshi.Builder()
      .add(new LenientEnumAdapterFactory())
      .add(new SealedOneOfAdapterFactory())
      .add(java.time.OffsetDateTime.class, new OffsetDateTimeAdapter().nullSafe())
      .add(java.math.BigDecimal.class, new BigDecimalAdapter().nullSafe())
      .build();

  private JsonSupport() {}

  /**
   * Returns the shared Moshi: generated models with {@code @Json} names, enums that never fail on an unknown value,
   * sealed oneOf interfaces, {@code OffsetDateTime} and {@code BigDecimal}.
   */
  public static Moshi moshi() {
    return MOSHI;
  }
}
