package dev.cancelkit.testkit;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.cancelkit.testkit.SandboxJobs.Job;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Together AI: its queue (cancel, status, clear), batches and fine-tunes (list, read, cancel),
 * dedicated endpoints (list beside one of Together's own serverless endpoints, read, stopped with
 * {@code PATCH {"state": "STOPPED"}} through STOPPING) and RL training sessions (cursor pages,
 * read, stop), with Together's rules: only pending queued requests can be cancelled (409 with the
 * status otherwise); batches, fine-tunes and endpoints have no paging.
 */
final class TogetherSandbox implements ProviderRoutes {
  private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class);
  private static final Set<String> BATCH_RUNNING = Set.of("VALIDATING", "IN_PROGRESS");
  private static final Set<String> FINE_TUNE_RUNNING =
      Set.of("pending", "queued", "running", "compressing", "uploading");

  final JobBook queue = new JobBook();
  final JobBook batches = new JobBook();
  final JobBook fineTunes = new JobBook();
  final JobBook endpoints = new JobBook();
  final JobBook sessions = new JobBook();

  private static final Set<String> ENDPOINT_RUNNING = Set.of("PENDING", "STARTING", "STARTED");
  private static final Set<String> SESSION_RUNNING =
      Set.of("TRAINING_SESSION_STATUS_CREATING", "TRAINING_SESSION_STATUS_RUNNING");
  private final Supplier<Duration> settle;

  TogetherSandbox(Supplier<Duration> settle) {
    this.settle = settle;
  }

  static String queueKey(String model, String requestId) {
    return model + "\n" + requestId;
  }

  @Override
  public SandboxAnswer unauthorized() {
    return new SandboxAnswer(
        401,
        Map.of(
            "message",
            "Invalid API key",
            "type",
            "invalid_request_error",
            "code",
            "invalid_api_key"));
  }

  @Override
  public SandboxAnswer route(SandboxRequest r) throws IOException {
    if (r.is("POST", "queue", "cancel")) {
      return queueCancel(r);
    }
    if (r.is("GET", "queue", "status")) {
      return queueStatus(r);
    }
    if (r.is("POST", "queue", "clear")) {
      return queueClear(r);
    }
    if (r.is("GET", "batches")) {
      return new SandboxAnswer(200, all(batches, this::batch));
    }
    if (r.is("GET", "batches", "*") || r.is("POST", "batches", "*", "cancel")) {
      Job job = batches.get(r.path().get(1));
      if (job == null) {
        return new SandboxAnswer(404, Map.of("error", "batch job not found"));
      }
      if (r.method().equals("POST")) {
        job.transition(BATCH_RUNNING, "CANCELLED", null, settle.get());
      }
      return new SandboxAnswer(200, batch(job));
    }
    if (r.is("GET", "fine-tunes")) {
      return new SandboxAnswer(200, Map.of("data", all(fineTunes, this::fineTune)));
    }
    if (r.is("GET", "fine-tunes", "*") || r.is("POST", "fine-tunes", "*", "cancel")) {
      Job job = fineTunes.get(r.path().get(1));
      if (job == null) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", "Fine-tune ID not found");
        error.put("type", "invalid_request_error");
        error.put("param", "id");
        error.put("code", null);
        return new SandboxAnswer(404, Map.of("error", error));
      }
      if (r.method().equals("POST")) {
        job.transition(FINE_TUNE_RUNNING, "cancel_requested", "cancelled", settle.get());
      }
      return new SandboxAnswer(200, fineTune(job));
    }
    if (r.is("GET", "hardware")) {
      return new SandboxAnswer(200, Map.of("object", "list", "data", List.of(hardware())));
    }
    if (!r.path().isEmpty() && r.path().get(0).equals("endpoints")) {
      return endpoint(r);
    }
    if (r.path().size() > 1 && r.path().get(0).equals("rl")) {
      return session(r);
    }
    return SandboxAnswer.NOT_FOUND;
  }

  private static SandboxAnswer notFound(String what) {
    return new SandboxAnswer(
        404, Map.of("error", Map.of("message", what + " not found", "type", "not_found_error")));
  }

  private SandboxAnswer endpoint(SandboxRequest r) {
    if (r.is("GET", "endpoints")) {
      List<Object> data = new ArrayList<>();
      data.add(serverless()); // Together's own, whatever the filter: the client leaves it out
      if (!"serverless".equals(r.param("type"))) {
        data.addAll(all(endpoints, this::endpoint));
      }
      return new SandboxAnswer(200, Map.of("object", "list", "data", data));
    }
    if (!r.is("GET", "endpoints", "*") && !r.is("PATCH", "endpoints", "*")) {
      return SandboxAnswer.NOT_FOUND;
    }
    Job job = endpoints.get(r.path().get(1));
    if (job == null) {
      return notFound("endpoint " + r.path().get(1));
    }
    if (r.method().equals("PATCH")) {
      Map<?, ?> request = body(r);
      if (request == null || !request.equals(Map.of("state", "STOPPED"))) {
        return new SandboxAnswer(
            400,
            Map.of(
                "error",
                Map.of(
                    "message",
                    "the sandbox only stops endpoints: send {\"state\": \"STOPPED\"}",
                    "type",
                    "invalid_request_error")));
      }
      job.transition(ENDPOINT_RUNNING, "STOPPING", "STOPPED", settle.get());
    }
    return new SandboxAnswer(200, endpoint(job));
  }

  private Object endpoint(Job job) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("object", "endpoint");
    e.put("id", job.id);
    e.put("name", "sandbox/" + job.id);
    e.put("display_name", "Sandbox endpoint " + job.id);
    e.put("model", "deepseek-ai/DeepSeek-R1");
    e.put("hardware", "8x_nvidia_h200_140gb_sxm");
    e.put("type", "dedicated");
    e.put("owner", "sandbox");
    e.put("state", job.status());
    e.put("autoscaling", Map.of("min_replicas", 1, "max_replicas", 2));
    e.put("created_at", job.createdAt.toString());
    return e;
  }

  /** The hardware every sandbox endpoint runs on, at the price Together's document gives. */
  private static Object hardware() {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("object", "hardware");
    h.put("id", "8x_nvidia_h200_140gb_sxm");
    h.put("pricing", Map.of("cents_per_minute", 5.42));
    h.put(
        "specs", Map.of("gpu_type", "h200", "gpu_link", "sxm", "gpu_memory", 140, "gpu_count", 8));
    h.put("updated_at", "2026-01-01T00:00:00Z");
    return h;
  }

  private static Object serverless() {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("object", "endpoint");
    e.put("id", "endpoint-serverless-olmo-7b");
    e.put("name", "allenai/OLMo-7B");
    e.put("model", "allenai/OLMo-7B");
    e.put("type", "serverless");
    e.put("owner", "together");
    e.put("state", "STARTED");
    e.put("created_at", "2024-02-28T21:34:35.444Z");
    return e;
  }

  /** Sessions a page holds at most, whatever the limit asked for: so that they page. */
  static final int SESSION_PAGE = 2;

  private SandboxAnswer session(SandboxRequest r) {
    if (r.is("GET", "rl", "training-sessions")) {
      List<Job> all = sessions.all();
      int from = 0;
      String after = r.param("after");
      if (after != null && !after.isEmpty()) {
        from = -1;
        for (int i = 0; i < all.size(); i++) {
          if (all.get(i).id.equals(after)) {
            from = i + 1;
          }
        }
        if (from < 0) {
          return new SandboxAnswer(
              400, Map.of("error", Map.of("message", "unknown cursor", "type", "invalid_request")));
        }
      }
      int end = Math.min(all.size(), from + SESSION_PAGE);
      List<Object> data = new ArrayList<>();
      for (int i = from; i < end; i++) {
        data.add(session(all.get(i)));
      }
      boolean more = end < all.size();
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("limit", SESSION_PAGE);
      meta.put("has_more", more);
      meta.put("next_cursor", more ? all.get(end - 1).id : "");
      return new SandboxAnswer(200, Map.of("data", data, "meta", meta));
    }
    boolean stop = r.is("POST", "rl", "training-sessions", "*", "stop");
    if (!stop && !r.is("GET", "rl", "training-sessions", "*")) {
      return SandboxAnswer.NOT_FOUND;
    }
    Job job = sessions.get(r.path().get(2));
    if (job == null) {
      return notFound("training session " + r.path().get(2));
    }
    if (stop) {
      job.transition(
          SESSION_RUNNING,
          "TRAINING_SESSION_STATUS_STOPPING",
          "TRAINING_SESSION_STATUS_STOPPED",
          settle.get());
    }
    return new SandboxAnswer(200, session(job));
  }

  private Object session(Job job) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("id", job.id);
    s.put("status", job.status());
    s.put("base_model", "meta-llama/Meta-Llama-3-8B-Instruct");
    s.put("inference_checkpoints", List.of());
    s.put("training_checkpoints", List.of());
    s.put("step", "100");
    s.put("created_at", job.createdAt.toString());
    s.put("updated_at", job.updatedAt().toString());
    s.put("lora_config", Map.of());
    s.put("type", "SESSION_TYPE_TRAINER_AND_GENERATOR");
    return s;
  }

  private static List<Object> all(JobBook book, Function<Job, Object> shape) {
    List<Object> out = new ArrayList<>();
    for (Job job : book.all()) {
      out.add(shape.apply(job));
    }
    return out;
  }

  private static Map<?, ?> body(SandboxRequest r) {
    try {
      return JSON.fromJson(new String(r.body(), StandardCharsets.UTF_8)) instanceof Map<?, ?> m
          ? m
          : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private SandboxAnswer queueCancel(SandboxRequest r) {
    Map<?, ?> request = body(r);
    if (request == null
        || !(request.get("model") instanceof String model)
        || !(request.get("request_id") instanceof String requestId)) {
      return queueBadRequest("model and request_id are required");
    }
    Job job = queue.get(queueKey(model, requestId));
    if (job == null) {
      return queueNotFound();
    }
    synchronized (job) {
      if (job.status().equals("pending")) {
        job.moveTo("canceled");
        return new SandboxAnswer(200, Map.of("status", job.status()));
      }
      return new SandboxAnswer(409, Map.of("status", job.status())); // only pending ones
    }
  }

  private SandboxAnswer queueStatus(SandboxRequest r) {
    String model = r.param("model");
    String requestId = r.param("request_id");
    if (model == null || requestId == null) {
      return queueBadRequest("model and request_id are required");
    }
    Job job = queue.get(queueKey(model, requestId));
    if (job == null) {
      return queueNotFound();
    }
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("request_id", requestId);
    s.put("model", model);
    s.put("status", job.status());
    s.put("created_at", job.createdAt.toString());
    s.put("priority", 0);
    s.put("retries", 0);
    return new SandboxAnswer(200, s);
  }

  /** Cancels every pending request of the model; running ones are left alone. */
  private SandboxAnswer queueClear(SandboxRequest r) {
    Map<?, ?> request = body(r);
    if (request == null || !(request.get("model") instanceof String model)) {
      return queueBadRequest("model is required");
    }
    long cleared = 0;
    for (Job job : queue.all()) {
      synchronized (job) {
        if (model.equals(job.model) && job.status().equals("pending")) {
          job.moveTo("canceled");
          cleared++;
        }
      }
    }
    return new SandboxAnswer(200, Map.of("canceled_count", cleared));
  }

  private static SandboxAnswer queueBadRequest(String message) {
    return new SandboxAnswer(
        400,
        Map.of("code", "invalid_request", "message", message, "type", "invalid_request_error"));
  }

  private static SandboxAnswer queueNotFound() {
    return new SandboxAnswer(
        404,
        Map.of(
            "code",
            "not_found",
            "message",
            "Request not found",
            "param",
            "request_id",
            "type",
            "not_found_error"));
  }

  private Object batch(Job job) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("id", job.id);
    b.put("user_id", "user_sandbox");
    b.put("input_file_id", "file-input-" + job.id);
    b.put("file_size_bytes", 1048576);
    b.put("status", job.status());
    b.put("created_at", job.createdAt.toString());
    b.put("endpoint", "/v1/chat/completions");
    b.put("progress", 75.0);
    b.put("model_id", "meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo");
    return b;
  }

  private Object fineTune(Job job) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("id", job.id);
    f.put("status", job.status());
    f.put("created_at", job.createdAt.toString());
    f.put("updated_at", job.updatedAt().toString());
    f.put("model", "meta-llama/Llama-2-7b-hf");
    f.put("total_price", 12_400_000_000L); // nano-dollars: $12.40
    f.put("events", List.of());
    return f;
  }
}
