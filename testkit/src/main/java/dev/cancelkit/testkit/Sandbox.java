package dev.cancelkit.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A sandbox that plays Together AI, Cerebras and Archetype AI over real HTTP on loopback, with each
 * provider's documented cancel semantics and error bodies. Point a client at it with its base URL
 * and any non-blank key.
 *
 * <p>The rules: Together's queue cancels only pending requests and answers 409 with the status
 * otherwise; a Together batch in progress is cancelled at once; a Together fine-tune goes to {@code
 * cancel_requested}, a Cerebras batch to {@code cancelling}, and an Archetype stop to {@code
 * STOPPING}, each reaching its final state ({@code cancelled}, {@code cancelled}, {@code STOPPED})
 * after {@link SandboxJobs#settleAfter}; an Archetype cancel is {@code CANCELLED} at once, and a
 * finished Archetype job answers 409. Every job can be read with the provider's read operation, and
 * jobs can move through statuses over time ({@link SandboxJobs#then}).
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
  private final SandboxFaults faults;

  private Sandbox(
      HttpServer server, ExecutorService executor, SandboxJobs jobs, SandboxFaults faults) {
    this.server = server;
    this.executor = executor;
    this.jobs = jobs;
    this.faults = faults;
  }

  /** Starts an empty sandbox on a free loopback port. */
  public static Sandbox start() {
    return start(0);
  }

  /**
   * Starts an empty sandbox on loopback port {@code port} (0: a free one).
   *
   * @throws UncheckedIOException if the port is taken
   */
  public static Sandbox start(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0-65535: " + port);
    }
    // The JDK server writes a response's head and body apart; without TCP_NODELAY the body waits
    // ~40 ms for the client's delayed ACK. Read once, when the first server is made, so set it
    // before that.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      ExecutorService executor =
          Executors.newCachedThreadPool(
              r -> {
                Thread t = new Thread(r, "cancelkit-sandbox");
                t.setDaemon(true);
                return t;
              });
      SandboxJobs jobs = new SandboxJobs(Clock.systemUTC());
      SandboxFaults faults = new SandboxFaults();
      server.createContext("/", new SandboxHandler(jobs, faults));
      server.setExecutor(executor);
      server.start();
      return new Sandbox(server, executor, jobs, faults);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not start the sandbox on loopback"
              + (port == 0 ? "" : " port " + port)
              + ": "
              + (e instanceof java.net.BindException ? "the port is in use" : e.getMessage()),
          e);
    }
  }

  /** Starts a sandbox holding the demo jobs of {@link SandboxJobs#seedDemo()}. */
  public static Sandbox startWithDemoJobs() {
    return startWithDemoJobs(0);
  }

  /** Starts a sandbox holding the demo jobs, on loopback port {@code port} (0: a free one). */
  public static Sandbox startWithDemoJobs(int port) {
    Sandbox sandbox = start(port);
    sandbox.jobs.seedDemo();
    return sandbox;
  }

  /** The jobs the sandbox knows, to add to or inspect. */
  public SandboxJobs jobs() {
    return jobs;
  }

  /** The faults the sandbox injects; none until set. */
  public SandboxFaults faults() {
    return faults;
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
