package dev.cancelkit.benchmarks;

/** What the benchmark server answers: Together's documented batch example. */
final class Bodies {
  static final String KEY = "bench-key-0123456789abcdef";
  static final String JOB_ID = "batch_job_abc123def456";
  static final String BATCH_JOB =
      "{\"id\":\"01234567-8901-2345-6789-012345678901\",\"user_id\":\"user_789xyz012\","
          + "\"input_file_id\":\"file-input123abc456def\",\"file_size_bytes\":1048576,\"status\":\"CANCELLED\","
          + "\"job_deadline\":\"2024-01-15T15:30:00Z\",\"created_at\":\"2024-01-15T14:30:00Z\","
          + "\"endpoint\":\"/v1/chat/completions\",\"progress\":75,"
          + "\"model_id\":\"meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo\",\"output_file_id\":\"file-output789xyz012ghi\","
          + "\"error_file_id\":\"file-errors456def789jkl\",\"completed_at\":\"2024-01-15T15:45:30Z\"}";

  private Bodies() {}
}
