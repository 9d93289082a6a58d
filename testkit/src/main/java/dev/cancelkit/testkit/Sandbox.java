package dev.cancelkit.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A sandbox that plays Together AI, Cerebras and Archetype AI over real HTTP on loopback, with each provider's
 * documented cancel semantics and error bodies. Point a client at it with its base URL and any non-blank key.
 *
 * <pre>{@code
 * try (Sandbox sandbox = Sandbox.start()) {
 *   sandbox.jobs().cerebrasBatch("batch_1", "in_progress");
 *   CerebrasClient c = CerebrasClient.builder().apiKey(Sandbox.API_KEY).baseUrl(sandbox.cerebrasBaseUrl()).build();
 *   c.batches().cancel("batch_1"); // CANCELLING, status "cancelling"
 * }
 * }</pre>
 */
public final class Sandbox implements AutoCloseable {
  /** A key the sandbox accepts; any non-blank bearer token is accepted. */
  public static final String API_KEY = "sandbox-key";

  private final HttpServer server;
  private final ExecutorService executor;
  private final SandboxJobs jobs;

  private Sandbox(HttpServer server, ExecutorService executor, SandboxJobs jobs) {
    this.server = server;
    this.executor = executor;
    this.jobs = jobs;
  }

  /** Starts an empty sandbox on a free loopback port. */
  public static Sandbox start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "cancelkit-sandbox");
        t.setDaemon(true);
        return t;
      });
      SandboxJobs jobs = new SandboxJobs();
      server.createContext("/", new SandboxHandler(jobs));
      server.setExecutor(executor);
      server.start();
      return new Sandbox(server, executor, jobs);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the sandbox on loopback", e);
    }
  }

  /** Starts a sandbox holding the demo jobs of {@link SandboxJobs#seedDemo()}. */
  public static Sandbox startWithDemoJobs() {
    Sandbox sandbox = start();
    sandbox.jobs.seedDemo();
    return sandbox;
  }

  /** The jobs the sandbox knows, to add to or inspect. */
  public SandboxJobs jobs() {
    return jobs;
  }

  /** Base URL for {@code TogetherClient}. */
  public String togetherBaseUrl() {
    return root() + "/together/v1";
  }

  /** Base URL for {@code CerebrasClient}. */
  public String cerebrasBaseUrl() {
    return root() + "/cerebras/v1";
  }

  /** Base URL for {@code ArchetypeClient}. */
  public String archetypeBaseUrl() {
    return root() + "/archetype/v0.5";
  }

  private String root() {
    InetSocketAddress a = server.getAddress();
    return "http://" + a.getAddress().getHostAddress() + ":" + a.getPort();
  }

  /** Stops the server at once. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "Sandbox{" + root() + "}";
  }
}
