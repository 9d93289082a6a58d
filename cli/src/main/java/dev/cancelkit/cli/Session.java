package dev.cancelkit.cli;

import dev.cancelkit.archetype.ArchetypeClient;
import dev.cancelkit.cerebras.CerebrasClient;
import dev.cancelkit.common.ClientBuilder;
import dev.cancelkit.testkit.Sandbox;
import dev.cancelkit.together.TogetherClient;

/**
 * The clients of one command, built when first needed: from the providers' environment variables,
 * or against the embedded sandbox (with its demo jobs) under {@code --sandbox}.
 */
final class Session implements AutoCloseable {
  private final boolean sandboxed;
  private Sandbox sandbox;
  private TogetherClient together;
  private CerebrasClient cerebras;
  private ArchetypeClient archetype;

  Session(boolean sandboxed) {
    this.sandboxed = sandboxed;
  }

  /** Whether the clients point at the embedded sandbox. */
  boolean sandboxed() {
    return sandboxed;
  }

  /** The sandbox, started with its demo jobs on first use. */
  Sandbox sandbox() {
    if (sandbox == null) {
      sandbox = Sandbox.startWithDemoJobs();
    }
    return sandbox;
  }

  TogetherClient together() {
    if (together == null) {
      together =
          configure(TogetherClient.builder(), sandboxed ? sandbox().togetherBaseUrl() : null)
              .build();
    }
    return together;
  }

  CerebrasClient cerebras() {
    if (cerebras == null) {
      cerebras =
          configure(CerebrasClient.builder(), sandboxed ? sandbox().cerebrasBaseUrl() : null)
              .build();
    }
    return cerebras;
  }

  ArchetypeClient archetype() {
    if (archetype == null) {
      archetype =
          configure(ArchetypeClient.builder(), sandboxed ? sandbox().archetypeBaseUrl() : null)
              .build();
    }
    return archetype;
  }

  private <B extends ClientBuilder<B>> B configure(B builder, String sandboxUrl) {
    return sandboxUrl == null ? builder : builder.apiKey(Sandbox.API_KEY).baseUrl(sandboxUrl);
  }

  @Override
  public void close() {
    if (together != null) {
      together.close();
    }
    if (cerebras != null) {
      cerebras.close();
    }
    if (archetype != null) {
      archetype.close();
    }
    if (sandbox != null) {
      sandbox.close();
    }
  }
}
