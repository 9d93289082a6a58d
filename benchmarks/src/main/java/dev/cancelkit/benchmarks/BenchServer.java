package dev.cancelkit.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The one local server every measurement talks to, in its own process: answers {@code POST
 * .../batches/{id}/cancel} with Together's documented batch; under {@code /slow/} it answers after
 * 20 ms. Under {@code /limited/} it also admits at most 200 requests a second (a token bucket,
 * bursts of 20) and answers the rest 429 with {@code Retry-After: 1}; {@code /limited-headers/}
 * adds {@code x-ratelimit-limit}, {@code -remaining} and {@code -reset} (seconds until the bucket
 * is full) to every answer. {@code GET /big/v1/fine-tunes} is Together's list of {@link
 * HugeList#JOBS} fine-tunes (about 60 MB), {@code /big-gzip/} the same gzipped; their batches are
 * none. {@code GET /stats} says "admitted refused" of the limited paths and starts counting again.
 * Prints its port, then serves until its standard input closes.
 */
public final class BenchServer {
  private BenchServer() {}

  public static void main(String[] args) throws IOException {
    System.setProperty(
        "sun.net.httpserver.nodelay", "true"); // head and body in one go, no delayed-ACK stall
    byte[] body = Bodies.BATCH_JOB.getBytes(StandardCharsets.UTF_8);
    byte[] refusal =
        "{\"error\":{\"message\":\"rate limit exceeded\",\"type\":\"rate_limit\"}}"
            .getBytes(StandardCharsets.UTF_8);
    TokenBucket bucket = new TokenBucket(200, 20);
    byte[] fineTunes = HugeList.fineTunes(HugeList.JOBS);
    byte[] fineTunesGzip = HugeList.gzip(fineTunes);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    server.setExecutor(Executors.newFixedThreadPool(64));
    server.createContext(
        "/",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
          }
          String path = exchange.getRequestURI().getPath();
          if (path.equals("/stats")) {
            byte[] stats = bucket.statsAndReset().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, stats.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(stats);
            }
            return;
          }
          if (path.startsWith("/big/") || path.startsWith("/big-gzip/")) {
            boolean gzip = path.startsWith("/big-gzip/");
            byte[] empty =
                path.endsWith("/endpoints") || path.endsWith("/rl/training-sessions")
                    ? HugeList.EMPTY_DATA
                    : HugeList.EMPTY;
            byte[] list =
                path.endsWith("/fine-tunes")
                    ? (gzip ? fineTunesGzip : fineTunes)
                    : (gzip ? HugeList.gzip(empty) : empty);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (gzip) {
              exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            }
            exchange.sendResponseHeaders(200, list.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(list);
            }
            return;
          }
          boolean limited = path.startsWith("/limited");
          double left = limited ? bucket.take() : 0;
          if (limited || path.startsWith("/slow/")) {
            try {
              Thread.sleep(20);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.getResponseHeaders().set("x-request-id", "bench");
          if (path.startsWith("/limited-headers/")) {
            exchange.getResponseHeaders().set("x-ratelimit-limit", "200");
            exchange
                .getResponseHeaders()
                .set("x-ratelimit-remaining", Long.toString((long) Math.max(0, left)));
            exchange
                .getResponseHeaders()
                .set(
                    "x-ratelimit-reset",
                    String.format(java.util.Locale.ROOT, "%.3f", bucket.secondsToFull()));
          }
          byte[] answer = left < 0 ? refusal : body;
          if (left < 0) {
            exchange.getResponseHeaders().set("Retry-After", "1");
          }
          exchange.sendResponseHeaders(left < 0 ? 429 : 200, answer.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
          }
        });
    server.start();
    System.out.println("PORT " + server.getAddress().getPort());
    System.out.flush();
    while (System.in.read() != -1) {
      // serve until the runner closes our stdin
    }
    server.stop(0);
    System.exit(0);
  }
}
