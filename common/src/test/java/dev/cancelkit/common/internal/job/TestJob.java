package dev.cancelkit.common.internal.job;

import com.squareup.moshi.Json;
import java.time.OffsetDateTime;

/**
 * A job model shaped like the generated ones: {@code @Json} names, an enum status with an unknown
 * constant.
 */
public final class TestJob {
  public enum Status {
    @Json(name = "cancelled")
    CANCELLED,
    @Json(name = "cancelling")
    CANCELLING,
    @Json(name = "completed")
    COMPLETED,
    @Json(name = "unknown_default_open_api")
    UNKNOWN_DEFAULT_OPEN_API
  }

  @Json(name = "id")
  private String id;

  @Json(name = "status")
  private Status status;

  @Json(name = "created_at")
  private OffsetDateTime createdAt;

  public String getId() {
    return id;
  }

  public Status getStatus() {
    return status;
  }

  public OffsetDateTime getCreatedAt() {
    return createdAt;
  }
}
