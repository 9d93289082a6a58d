package dev.cancelkit.testkit;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.cancelkit.testkit.SandboxJobs.Job;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** Routes each request to the provider it imitates, and answers as that provider documents. */
final class SandboxHandler implements HttpHandler {
  private static final JsonAdapter<Object> JSON =
      new Moshi.Builder().build().adapter(Object.class).serializeNulls();

  private static final Set<String> TOGETHER_BATCH_RUNNING = Set.of("VALIDATING", "IN_PROGRESS");
  private static final Set<String> TOGETHER_FINE_TUNE_RUNNING =
      Set.of("pending", "queued", "running", "compressing", "uploading");
  private static final Set<String> CEREBRAS_RUNNING =
      Set.of("validating", "queued", "in_progress", "finalizing");
  private static final Set<String> ARCHETYPE_RUNNING =
      Set.of("REGISTERED", "STARTING", "RUNNING", "FINALIZING");

  private final SandboxJobs jobs;
  private final SandboxFaults faults;
  private final AtomicLong requests = new AtomicLong();

  SandboxHandler(SandboxJobs jobs, SandboxFaults faults) {
    this.jobs = jobs;
    this.faults = faults;
  }

  /** An answer: status, body (a JSON value, or a String sent as plain text). */
  private record Answer(int status, Object body) {}

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String requestId = "sbx-" + requests.incrementAndGet();
      int fault = faults.next();
      Answer answer = fault != 0 ? fault(fault) : route(exchange);
      byte[] bytes =
          (answer.body instanceof String text ? text : JSON.toJson(answer.body))
              .getBytes(StandardCharsets.UTF_8);
      exchange
          .getResponseHeaders()
          .set(
              "Content-Type",
              answer.body instanceof String ? "text/plain; charset=utf-8" : "application/json");
      exchange.getResponseHeaders().set("x-request-id", requestId);
      if (fault == 429) {
        exchange.getResponseHeaders().set("Retry-After", "1");
        exchange.getResponseHeaders().set("retry-after-ms", "200");
      }
      exchange.sendResponseHeaders(answer.status, bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static Answer fault(int status) {
    return new Answer(
        status,
        Map.of(
            "message",
            "sandbox fault: HTTP " + status,
            "type",
            "sandbox_fault",
            "code",
            "injected"));
  }

  private Answer route(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String[] p = exchange.getRequestURI().getRawPath().split("/", -1); // "", provider, version, ...
    String provider = p.length > 1 ? p[1] : "";
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    boolean authorized = auth != null && auth.startsWith("Bearer ") && !auth.substring(7).isBlank();
    switch (provider) {
      case "together":
        if (!authorized) {
          return new Answer(
              401,
              Map.of(
                  "message",
                  "Invalid API key",
                  "type",
                  "invalid_request_error",
                  "code",
                  "invalid_api_key"));
        }
        if (method.equals("POST")
            && p.length == 5
            && p[3].equals("queue")
            && p[4].equals("cancel")) {
          return togetherQueueCancel(exchange);
        }
        if (method.equals("GET")
            && p.length == 5
            && p[3].equals("queue")
            && p[4].equals("status")) {
          return togetherQueueStatus(query(exchange.getRequestURI().getRawQuery()));
        }
        if (p.length >= 5 && p[3].equals("batches")) {
          return togetherBatch(
              method, decode(p[4]), p.length == 6 && p[5].equals("cancel"), p.length == 5);
        }
        if (p.length >= 5 && p[3].equals("fine-tunes")) {
          return togetherFineTune(
              method, decode(p[4]), p.length == 6 && p[5].equals("cancel"), p.length == 5);
        }
        break;
      case "cerebras":
        if (!authorized) {
          return new Answer(
              401,
              Map.of(
                  "message",
                  "Wrong API Key",
                  "type",
                  "invalid_request_error",
                  "param",
                  "api_key",
                  "code",
                  "wrong_api_key"));
        }
        if (p.length == 5
            && p[3].equals("batches")
            && (method.equals("DELETE") || method.equals("GET"))) {
          return cerebrasBatch(decode(p[4]), method.equals("DELETE"));
        }
        break;
      case "archetype":
        if (!authorized) {
          return new Answer(401, Map.of("detail", "Not authenticated"));
        }
        if (p.length >= 6 && p[3].equals("fine-tune") && p[4].equals("jobs")) {
          String action = p.length == 7 ? p[6] : "";
          boolean get = method.equals("GET") && p.length == 6;
          boolean put = method.equals("PUT") && (action.equals("cancel") || action.equals("stop"));
          if (get || put) {
            return archetype(decode(p[5]), get ? "get" : action);
          }
        }
        break;
      default:
        break;
    }
    return new Answer(404, "Not Found");
  }

  private Answer togetherQueueCancel(HttpExchange exchange) throws IOException {
    Object body;
    try {
      body =
          JSON.fromJson(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      body = null;
    }
    if (!(body instanceof Map<?, ?> request)
        || !(request.get("model") instanceof String model)
        || !(request.get("request_id") instanceof String requestId)) {
      return queueBadRequest();
    }
    Job job = jobs.togetherQueue.get(SandboxJobs.queueKey(model, requestId));
    if (job == null) {
      return queueNotFound();
    }
    synchronized (job) {
      if (job.status().equals("pending")) {
        job.moveTo("canceled");
        return new Answer(200, Map.of("status", job.status()));
      }
      return new Answer(409, Map.of("status", job.status())); // only pending jobs can be cancelled
    }
  }

  private Answer togetherQueueStatus(Map<String, String> query) {
    String model = query.get("model");
    String requestId = query.get("request_id");
    if (model == null || requestId == null) {
      return queueBadRequest();
    }
    Job job = jobs.togetherQueue.get(SandboxJobs.queueKey(model, requestId));
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
    return new Answer(200, s);
  }

  private static Answer queueBadRequest() {
    return new Answer(
        400,
        Map.of(
            "code",
            "invalid_request",
            "message",
            "model and request_id are required",
            "type",
            "invalid_request_error"));
  }

  private static Answer queueNotFound() {
    return new Answer(
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

  private Answer togetherBatch(String method, String id, boolean cancel, boolean get) {
    if (!(cancel && method.equals("POST")) && !(get && method.equals("GET"))) {
      return new Answer(404, "Not Found");
    }
    Job job = jobs.togetherBatches.get(id);
    if (job == null) {
      return new Answer(404, Map.of("error", "batch job not found"));
    }
    if (cancel) {
      transition(job, TOGETHER_BATCH_RUNNING, "CANCELLED", null);
    }
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
    return new Answer(200, b);
  }

  private Answer togetherFineTune(String method, String id, boolean cancel, boolean get) {
    if (!(cancel && method.equals("POST")) && !(get && method.equals("GET"))) {
      return new Answer(404, "Not Found");
    }
    Job job = jobs.togetherFineTunes.get(id);
    if (job == null) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("message", "Fine-tune ID not found");
      error.put("type", "invalid_request_error");
      error.put("param", "id");
      error.put("code", null);
      return new Answer(404, Map.of("error", error));
    }
    if (cancel) {
      transition(job, TOGETHER_FINE_TUNE_RUNNING, "cancel_requested", "cancelled");
    }
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("id", job.id);
    f.put("status", job.status());
    f.put("created_at", job.createdAt.toString());
    f.put("updated_at", job.updatedAt().toString());
    f.put("model", "meta-llama/Llama-2-7b-hf");
    f.put("events", List.of());
    return new Answer(200, f);
  }

  private Answer cerebrasBatch(String id, boolean cancel) {
    Job job = jobs.cerebrasBatches.get(id);
    if (job == null) {
      return new Answer(
          404,
          Map.of(
              "message",
              "Batch " + id + " not found",
              "type",
              "not_found_error",
              "param",
              "batch_id",
              "code",
              "batch_not_found"));
    }
    if (cancel) {
      transition(job, CEREBRAS_RUNNING, "cancelling", "cancelled");
    }
    String status = job.status();
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("id", job.id);
    b.put("object", "batch");
    b.put("endpoint", "/v1/chat/completions");
    b.put("errors", null);
    b.put("input_file_id", "file-" + job.id);
    b.put("completion_window", "24h");
    b.put("status", status);
    b.put("created_at", job.createdAt.getEpochSecond());
    b.put("cancelling_at", status.startsWith("cancel") ? job.updatedAt().getEpochSecond() : null);
    b.put("cancelled_at", status.equals("cancelled") ? job.updatedAt().getEpochSecond() : null);
    b.put("request_counts", Map.of("total", 100, "completed", 75, "failed", 0));
    b.put("metadata", null);
    return new Answer(200, b);
  }

  private Answer archetype(String id, String action) {
    if (id.codePointCount(0, id.length()) > 64) {
      return new Answer(
          422,
          Map.of(
              "detail",
              List.of(
                  Map.of(
                      "loc",
                      List.of("path", "job_id"),
                      "msg",
                      "String should have at most 64 characters",
                      "type",
                      "string_too_long"))));
    }
    Job job = jobs.archetypeJobs.get(id);
    if (job == null) {
      return new Answer(
          404,
          Map.of(
              "errors",
              List.of(
                  Map.of(
                      "code",
                      "fine_tune_job_not_found",
                      "message",
                      "Fine-tune job " + id + " does not exist",
                      "error_uid",
                      "err-sbx404"))));
    }
    boolean done = false;
    if (action.equals("cancel")) {
      Set<String> from = new HashSet<>(ARCHETYPE_RUNNING);
      from.add("STOPPING");
      done = transition(job, from, "CANCELLED", null);
    } else if (action.equals("stop")) {
      done =
          transition(job, ARCHETYPE_RUNNING, "STOPPING", "STOPPED")
              || job.status().equals("STOPPING");
    }
    if (!action.equals("get") && !done) {
      return new Answer(
          409,
          Map.of(
              "errors",
              List.of(
                  Map.of(
                      "code",
                      "invalid_job_state",
                      "message",
                      "Job "
                          + id
                          + " is "
                          + job.status()
                          + " and cannot be "
                          + (action.equals("stop") ? "stopped" : "cancelled"),
                      "suggestion",
                      "Only jobs that have not finished can be " + action + "ed",
                      "error_uid",
                      "err-sbx409"))));
    }
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("name", "sandbox-run");
    j.put("id", job.id);
    j.put("uuid", "8f2c1e5a-7b3d-4d9e-9c1a-2f5b7d8e4a6c");
    j.put("org_uuid", "0a1b2c3d-4e5f-6789-abcd-ef0123456789");
    j.put("status", job.status());
    j.put(
        "config",
        Map.of(
            "model",
            "Newton::c2_4_7b_251215a172f6d7",
            "datasets",
            List.of(
                Map.of(
                    "name",
                    "training-set",
                    "split",
                    "train",
                    "file_ids",
                    List.of("file-abc123")))));
    j.put("created_at", job.createdAt.toString());
    j.put("updated_at", job.updatedAt().toString());
    j.put("inference_config_path", null);
    return new Answer(200, j);
  }

  /**
   * Moves a job that is in one of {@code from} to {@code to}, and later to {@code settled} if
   * given; false if it was in none of them (and not already at {@code to}).
   */
  private boolean transition(Job job, Set<String> from, String to, String settled) {
    synchronized (job) {
      String now = job.status();
      if (from.contains(now)) {
        job.moveTo(to);
        if (settled != null) {
          job.then(jobs.settle(), settled);
        }
        return true;
      }
      return now.equals(to);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          q.put(decodeQuery(pair.substring(0, eq)), decodeQuery(pair.substring(eq + 1)));
        }
      }
    }
    return q;
  }

  private static String decode(String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String decodeQuery(String part) {
    return URLDecoder.decode(part, StandardCharsets.UTF_8);
  }
}
