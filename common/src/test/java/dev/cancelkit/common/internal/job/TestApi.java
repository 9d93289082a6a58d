package dev.cancelkit.common.internal.job;

import java.util.List;
import retrofit2.Call;
import retrofit2.http.GET;
import retrofit2.http.POST;
import retrofit2.http.Path;

/** A Retrofit interface shaped like the generated ones. */
public interface TestApi {
  @POST("jobs/{id}/cancel")
  Call<TestJob> cancel(@Path("id") String id);

  @GET("jobs/{id}")
  Call<TestJob> get(@Path("id") String id);

  @GET("jobs")
  Call<List<TestJob>> list();
}
