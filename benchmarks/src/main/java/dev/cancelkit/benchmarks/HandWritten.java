package dev.cancelkit.benchmarks;

import com.squareup.moshi.Json;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.util.List;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The floor: what a careful engineer writes in an afternoon with OkHttp and Moshi, for the same
 * call.
 */
public final class HandWritten implements AutoCloseable {
  /** The batch, as the hand-written call models it. */
  public static final class Batch {
    @Json(name = "id")
    public String id;

    @Json(name = "user_id")
    public String userId;

    @Json(name = "input_file_id")
    public String inputFileId;

    @Json(name = "file_size_bytes")
    public Long fileSizeBytes;

    @Json(name = "status")
    public String status;

    @Json(name = "job_deadline")
    public String jobDeadline;

    @Json(name = "created_at")
    public String createdAt;

    @Json(name = "endpoint")
    public String endpoint;

    @Json(name = "progress")
    public Double progress;

    @Json(name = "model_id")
    public String modelId;

    @Json(name = "output_file_id")
    public String outputFileId;

    @Json(name = "error_file_id")
    public String errorFileId;

    @Json(name = "error")
    public String error;

    @Json(name = "completed_at")
    public String completedAt;
  }

  private static final RequestBody EMPTY = RequestBody.create(new byte[0]);

  private final OkHttpClient http;
  private final JsonAdapter<Batch> adapter = new Moshi.Builder().build().adapter(Batch.class);
  private final String baseUrl;
  private final String authorization;

  /**
   * @param baseUrl ending in {@code /v1/}
   */
  public HandWritten(String baseUrl, String apiKey) {
    this(baseUrl, apiKey, false);
  }

  /**
   * @param cleartextOnly an http:// URL only, so OkHttp skips building TLS (its trust store): what
   *     an engineer tuning the start of a call to loopback would write
   */
  public HandWritten(String baseUrl, String apiKey, boolean cleartextOnly) {
    this.http =
        cleartextOnly
            ? new OkHttpClient.Builder().connectionSpecs(List.of(ConnectionSpec.CLEARTEXT)).build()
            : new OkHttpClient();
    this.baseUrl = baseUrl;
    this.authorization = "Bearer " + apiKey;
  }

  public Batch cancel(String id) throws IOException {
    Request request =
        new Request.Builder()
            .url(baseUrl + "batches/" + id + "/cancel")
            .header("Authorization", authorization)
            .post(EMPTY)
            .build();
    try (Response response = http.newCall(request).execute()) {
      if (!response.isSuccessful()) {
        throw new IOException("HTTP " + response.code());
      }
      return adapter.fromJson(response.body().source());
    }
  }

  OkHttpClient http() {
    return http;
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
