package dev.cancelkit.testkit;

import dev.cancelkit.testkit.SandboxJobs.Job;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Cerebras: batches listed a page at a time ({@code limit} at most 100, {@code after} a batch id,
 * {@code has_more}), read, and cancelled with {@code DELETE}, passing through {@code cancelling}.
 */
final class CerebrasSandbox implements ProviderRoutes {
  private static final Set<String> RUNNING =
      Set.of("validating", "queued", "in_progress", "finalizing");

  final JobBook batches = new JobBook();
  private final Supplier<Duration> settle;

  CerebrasSandbox(Supplier<Duration> settle) {
    this.settle = settle;
  }

  @Override
  public SandboxAnswer unauthorized() {
    return new SandboxAnswer(
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

  @Override
  public SandboxAnswer route(SandboxRequest r) {
    if (r.is("GET", "batches")) {
      return list(r);
    }
    if (r.is("GET", "batches", "*") || r.is("DELETE", "batches", "*")) {
      String id = r.path().get(1);
      Job job = batches.get(id);
      if (job == null) {
        return new SandboxAnswer(
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
      if (r.method().equals("DELETE")) {
        job.transition(RUNNING, "cancelling", "cancelled", settle.get());
      }
      return new SandboxAnswer(200, batch(job));
    }
    return SandboxAnswer.NOT_FOUND;
  }

  private SandboxAnswer list(SandboxRequest r) {
    Integer limit = r.intParam("limit", 20);
    if (limit == null || limit < 1 || limit > 100) {
      return new SandboxAnswer(
          400,
          Map.of(
              "message",
              "limit must be between 1 and 100",
              "type",
              "invalid_request_error",
              "param",
              "limit",
              "code",
              "invalid_value"));
    }
    List<Job> all = batches.all();
    int from = 0;
    String after = r.param("after");
    if (after != null) {
      from = all.size();
      for (int i = 0; i < all.size(); i++) {
        if (all.get(i).id.equals(after)) {
          from = i + 1;
        }
      }
    }
    List<Object> data = new ArrayList<>();
    for (int i = from; i < Math.min(all.size(), from + limit); i++) {
      data.add(batch(all.get(i)));
    }
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("object", "list");
    page.put("data", data);
    page.put("has_more", from + limit < all.size());
    return new SandboxAnswer(200, page);
  }

  private static Object batch(Job job) {
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
    return b;
  }
}
