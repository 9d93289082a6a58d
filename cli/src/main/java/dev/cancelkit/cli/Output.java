package dev.cancelkit.cli;

import com.squareup.moshi.JsonAdapter;
import dev.cancelkit.common.ApiStatusException;
import dev.cancelkit.common.CancelKitException;
import dev.cancelkit.common.CancelOutcome;
import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.JobStatus;
import dev.cancelkit.common.RateLimitException;
import dev.cancelkit.common.internal.text.SafeText;
import dev.cancelkit.common.json.JsonSupport;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything the command line prints: a line for people, or JSON with {@code --json}. */
final class Output {
  private static final JsonAdapter<Object> JSON =
      JsonSupport.moshi().adapter(Object.class).serializeNulls().indent("  ");
  private static final JsonAdapter<Object> LINE =
      JsonSupport.moshi().adapter(Object.class).serializeNulls();

  final PrintStream out;
  final PrintStream err;
  final boolean json;
  final boolean verbose;

  Output(PrintStream out, PrintStream err, boolean json, boolean verbose) {
    this.out = out;
    this.err = err;
    this.json = json;
    this.verbose = verbose;
  }

  /**
   * One job's result, the statuses it went through while we waited, and whether the wait ended
   * before the job did.
   */
  void result(String what, CancelResult<?> r, List<String> history, Duration stoppedWaiting) {
    if (json) {
      Map<String, Object> o = resultJson(what, r);
      if (history != null) {
        o.put("history", history);
        o.put("stoppedWaiting", stoppedWaiting != null);
      }
      out.println(JSON.toJson(o));
      return;
    }
    out.println(
        jobLine(
            what,
            r.jobId(),
            r.state(),
            r.providerStatus(),
            ", HTTP " + r.httpStatus(),
            r.requestId()));
  }

  /** {@code what ID: STATE (status, more, request R)}, provider text escaped. */
  private static String jobLine(
      String what,
      String jobId,
      Object state,
      String providerStatus,
      String more,
      Optional<String> requestId) {
    return what
        + " "
        + SafeText.escape(jobId)
        + ": "
        + state
        + " ("
        + SafeText.escape(providerStatus)
        + more
        + requestId.map(id -> ", request " + SafeText.escape(id)).orElse("")
        + ")";
  }

  /** One line of text, for people. */
  void line(String text) {
    out.println(text);
  }

  /** One JSON document. */
  void json(Object document) {
    out.println(JSON.toJson(document));
  }

  /** One JSON document on one line: a stream of them is NDJSON. */
  void jsonLine(Object document) {
    out.println(LINE.toJson(document));
    out.flush();
  }

  /** A read: the job's state as a read says it (ACTIVE, CANCELLING, CANCELLED, FINISHED...). */
  void status(String what, JobStatus<?> r) {
    if (json) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("operation", what);
      o.put("jobId", r.jobId());
      o.put("state", r.state().name());
      o.put("providerStatus", r.providerStatus());
      o.put("createdAt", r.createdAt().map(Object::toString).orElse(null));
      o.put("requestId", r.requestId().orElse(null));
      o.put("job", modelJson(r.job()));
      out.println(JSON.toJson(o));
      return;
    }
    out.println(
        jobLine(
            what,
            r.jobId(),
            r.state(),
            r.providerStatus(),
            r.createdAt().map(t -> ", created " + t).orElse(""),
            r.requestId()));
  }

  /**
   * A status change seen while waiting, as it happens (people only; JSON gets the history at the
   * end).
   */
  void change(CancelResult<?> r, long elapsedMillis) {
    if (!json) {
      err.printf(
          "  %6.1f s  %s (%s)%n",
          elapsedMillis / 1000.0, r.state(), SafeText.escape(r.providerStatus()));
    }
  }

  /** A failed call. */
  void failure(String what, String jobId, CancelKitException e) {
    if (json) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("operation", what);
      o.put("jobId", jobId);
      o.put("error", errorJson(e));
      out.println(JSON.toJson(o));
    } else {
      err.println("cancelkit: " + what + " " + SafeText.escape(jobId) + ": " + e.getMessage());
    }
    if (verbose) {
      e.printStackTrace(err);
    }
  }

  /** One outcome of many, as JSON: the result, or the id and the error. */
  static Map<String, Object> outcomeJson(String what, CancelOutcome<?> o) {
    if (o.result().isPresent()) {
      return resultJson(what, o.result().get());
    }
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("jobId", o.jobId());
    f.put("error", errorJson(o.error().orElseThrow()));
    return f;
  }

  static String label(CancelOutcome<?> o) {
    return o.result()
        .map(r -> r.state().name())
        .orElseGet(() -> o.error().orElseThrow().getClass().getSimpleName());
  }

  private static Map<String, Object> resultJson(String what, CancelResult<?> r) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("operation", what);
    o.put("jobId", r.jobId());
    o.put("state", r.state().name());
    o.put("providerStatus", r.providerStatus());
    o.put("httpStatus", r.httpStatus());
    o.put("requestId", r.requestId().orElse(null));
    o.put("response", modelJson(r.response()));
    return o;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object modelJson(Object model) {
    if (model == null) {
      return null;
    }
    JsonAdapter adapter = JsonSupport.moshi().adapter(model.getClass());
    return adapter.toJsonValue(model);
  }

  static Map<String, Object> errorJson(CancelKitException e) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("type", e.getClass().getSimpleName());
    o.put("message", e.getMessage());
    if (e instanceof ApiStatusException a) {
      o.put("provider", a.provider());
      o.put("statusCode", a.statusCode());
      o.put("errorMessage", a.errorMessage());
      o.put("errorCode", a.errorCode());
      o.put("errorType", a.errorType());
      o.put("param", a.param());
      o.put("requestId", a.requestId().orElse(null));
    }
    if (e instanceof RateLimitException r) {
      o.put("retryAfterSeconds", r.retryAfter().map(d -> d.toMillis() / 1000.0).orElse(null));
    }
    return o;
  }
}
