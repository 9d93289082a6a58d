package dev.cancelkit.testkit;

import dev.cancelkit.testkit.SandboxJobs.Job;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Archetype: fine-tune jobs listed by {@code limit}/{@code offset} with a {@code statuses} filter,
 * read, cancelled at once, or stopped through {@code STOPPING}; cancelling or stopping a job that
 * has ended is a 409 in the {@code errors} shape.
 */
final class ArchetypeSandbox implements ProviderRoutes {
  private static final Set<String> RUNNING =
      Set.of("REGISTERED", "STARTING", "RUNNING", "FINALIZING");

  final JobBook jobs = new JobBook();
  final JobBook batchJobs = new JobBook();

  private static final Set<String> BATCH_RUNNING =
      Set.of("PENDING", "ADMITTED", "RUNNING", "PREEMPTED");

  /** Batch jobs a page holds when the request gives no limit. */
  static final int BATCH_PAGE = 10;

  private final Supplier<Duration> settle;

  ArchetypeSandbox(Supplier<Duration> settle) {
    this.settle = settle;
  }

  @Override
  public SandboxAnswer unauthorized() {
    return new SandboxAnswer(401, Map.of("detail", "Not authenticated"));
  }

  @Override
  public SandboxAnswer route(SandboxRequest r) {
    if (r.is("GET", "fine-tune", "jobs")) {
      return list(r);
    }
    if (r.path().size() > 1 && r.path().get(0).equals("batch") && r.path().get(1).equals("jobs")) {
      return batch(r);
    }
    boolean get = r.is("GET", "fine-tune", "jobs", "*");
    boolean cancel = r.is("PUT", "fine-tune", "jobs", "*", "cancel");
    boolean stop = r.is("PUT", "fine-tune", "jobs", "*", "stop");
    if (!get && !cancel && !stop) {
      return SandboxAnswer.NOT_FOUND;
    }
    String id = r.path().get(2);
    if (id.codePointCount(0, id.length()) > 64) {
      return new SandboxAnswer(
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
    Job job = jobs.get(id);
    if (job == null) {
      return errors(
          404, "fine_tune_job_not_found", "Fine-tune job " + id + " does not exist", null);
    }
    boolean done = true;
    if (cancel) {
      Set<String> from = new HashSet<>(RUNNING);
      from.add("STOPPING");
      done = job.transition(from, "CANCELLED", null, settle.get());
    } else if (stop) {
      done =
          job.transition(RUNNING, "STOPPING", "STOPPED", settle.get())
              || job.status().equals("STOPPING");
    }
    if (!done) {
      String verb = cancel ? "cancelled" : "stopped";
      return errors(
          409,
          "invalid_job_state",
          "Job " + id + " is " + job.status() + " and cannot be " + verb,
          "Only jobs that have not finished can be " + verb);
    }
    return new SandboxAnswer(200, job(job));
  }

  private SandboxAnswer list(SandboxRequest r) {
    Integer limit = r.intParam("limit", -1);
    Integer offset = r.intParam("offset", 0);
    if (limit == null || offset == null || offset < 0) {
      return new SandboxAnswer(
          422,
          Map.of(
              "detail",
              List.of(
                  Map.of(
                      "loc",
                      List.of("query", limit == null ? "limit" : "offset"),
                      "msg",
                      "Input should be a valid integer",
                      "type",
                      "int_parsing"))));
    }
    Set<String> statuses = Set.copyOf(r.params("statuses"));
    List<Job> matching = new ArrayList<>();
    for (Job job : jobs.all()) {
      if (statuses.isEmpty() || statuses.contains(job.status())) {
        matching.add(job);
      }
    }
    int end = limit < 0 ? matching.size() : Math.min(matching.size(), offset + limit);
    List<Object> page = new ArrayList<>();
    for (int i = offset; i < end; i++) {
      page.add(job(matching.get(i)));
    }
    return new SandboxAnswer(200, page);
  }

  private SandboxAnswer batch(SandboxRequest r) {
    if (r.is("GET", "batch", "jobs")) {
      Integer offset = r.intParam("offset", 0);
      Integer limit = r.intParam("limit", BATCH_PAGE);
      if (offset == null || limit == null || offset < 0 || limit < 0) {
        return errors(422, "invalid_parameter", "offset and limit are whole numbers", null);
      }
      List<Job> all = batchJobs.all();
      int end = (int) Math.min(all.size(), (long) offset + limit);
      List<Object> page = new ArrayList<>();
      for (int i = offset; i < end; i++) {
        page.add(batchJob(all.get(i)));
      }
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("total", all.size());
      answer.put("offset", offset);
      answer.put("limit", limit);
      answer.put("jobs", page);
      return new SandboxAnswer(200, answer);
    }
    boolean cancel = r.is("POST", "batch", "jobs", "*", "cancel");
    if (!cancel && !r.is("GET", "batch", "jobs", "*")) {
      return SandboxAnswer.NOT_FOUND;
    }
    String id = r.path().get(2);
    Job job = batchJobs.get(id);
    if (job == null) {
      return errors(404, "job_not_found", "Batch job " + id + " does not exist", null);
    }
    if (!cancel) {
      return new SandboxAnswer(200, batchJob(job));
    }
    if (!job.transition(BATCH_RUNNING, "CANCELLED", null, settle.get())) {
      return errors(
          409,
          "invalid_job_state",
          "Job " + id + " is " + job.status() + " and cannot be cancelled",
          null);
    }
    Map<String, Object> cancelled = new LinkedHashMap<>();
    cancelled.put("id", job.id);
    cancelled.put("status", job.status());
    cancelled.put("cancelled_at", job.updatedAt().toString());
    return new SandboxAnswer(200, cancelled);
  }

  private static Object batchJob(Job job) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("id", job.id);
    j.put("org_id", "org_sandbox");
    j.put("name", "sandbox " + job.id);
    j.put("pipeline_type", "batch");
    j.put("pipeline_key", "machine-state-classification");
    j.put("pipeline_version", "1.2.0");
    j.put("status", job.status());
    j.put("parameters", Map.of());
    j.put("retry_count", 0);
    j.put("preemption_count", 0);
    j.put("queue_position", null);
    j.put("queue_depth", null);
    j.put("created_at", job.createdAt.toString());
    j.put("updated_at", job.updatedAt().toString());
    return j;
  }

  private static SandboxAnswer errors(int status, String code, String message, String suggestion) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("code", code);
    e.put("message", message);
    if (suggestion != null) {
      e.put("suggestion", suggestion);
    }
    e.put("error_uid", "err-sbx" + status);
    return new SandboxAnswer(status, Map.of("errors", List.of(e)));
  }

  private static Object job(Job job) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("name", "sandbox-" + job.id);
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
    return j;
  }
}
