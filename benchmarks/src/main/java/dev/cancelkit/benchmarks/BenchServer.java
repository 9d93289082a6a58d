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
 * 20 ms. Prints its port, then serves until its standard input closes.
 */
public final class BenchServer {
  private BenchServer() {}

  public static void main(String[] args) throws IOException {
    System.setProperty(
        "sun.net.httpserver.nodelay", "true"); // head and body in one go, no delayed-ACK stall
    byte[] body = Bodies.BATCH_JOB.getBytes(StandardCharsets.UTF_8);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    server.setExecutor(Executors.newFixedThreadPool(64));
    server.createContext(
        "/",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
          }
          if (exchange.getRequestURI().getPath().startsWith("/slow/")) {
            try {
              Thread.sleep(20);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.getResponseHeaders().set("x-request-id", "bench");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
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
