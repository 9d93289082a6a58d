package dev.cancelkit.testkit;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Routes each request to the provider it imitates ({@code /together/v1/...}, {@code
 * /cerebras/v1/...}, {@code /archetype/v0.5/...}), after the key check and any injected fault, and
 * writes the answer with a request id.
 */
final class SandboxHandler implements HttpHandler {
  private static final JsonAdapter<Object> JSON =
      new Moshi.Builder().build().adapter(Object.class).serializeNulls();

  private final SandboxJobs jobs;
  private final SandboxFaults faults;
  private final AtomicLong requests = new AtomicLong();

  SandboxHandler(SandboxJobs jobs, SandboxFaults faults) {
    this.jobs = jobs;
    this.faults = faults;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String requestId = "sbx-" + requests.incrementAndGet();
      faults.delay();
      int fault = faults.next();
      SandboxAnswer answer = fault != 0 ? fault(fault) : route(exchange);
      byte[] bytes =
          (answer.body() instanceof String text ? text : JSON.toJson(answer.body()))
              .getBytes(StandardCharsets.UTF_8);
      exchange
          .getResponseHeaders()
          .set(
              "Content-Type",
              answer.body() instanceof String ? "text/plain; charset=utf-8" : "application/json");
      exchange.getResponseHeaders().set("x-request-id", requestId);
      if (fault == 429) {
        exchange.getResponseHeaders().set("Retry-After", "1");
        exchange.getResponseHeaders().set("retry-after-ms", "200");
      }
      exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static SandboxAnswer fault(int status) {
    return new SandboxAnswer(
        status,
        Map.of(
            "message",
            "sandbox fault: HTTP " + status,
            "type",
            "sandbox_fault",
            "code",
            "injected"));
  }

  private SandboxAnswer route(HttpExchange exchange) throws IOException {
    String[] segments = exchange.getRequestURI().getRawPath().split("/", -1);
    ProviderRoutes provider =
        switch (segments.length > 2 ? segments[1] + "/" + segments[2] : "") {
          case "together/v1" -> jobs.together;
          case "cerebras/v1" -> jobs.cerebras;
          case "archetype/v0.5" -> jobs.archetype;
          default -> null;
        };
    if (provider == null) {
      return SandboxAnswer.NOT_FOUND;
    }
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (auth == null || !auth.startsWith("Bearer ") || auth.substring(7).isBlank()) {
      return provider.unauthorized();
    }
    return provider.route(
        SandboxRequest.of(
            exchange.getRequestMethod(),
            segments,
            exchange.getRequestURI().getRawQuery(),
            exchange.getRequestBody().readAllBytes()));
  }
}
