package dev.cancelkit.testkit;

import java.io.IOException;

/** One provider played by the sandbox: its jobs, and its answer to each request. */
interface ProviderRoutes {
  /** The answer to a request without a usable key, in the provider's own error shape. */
  SandboxAnswer unauthorized();

  /** The answer to an authorized request; {@link SandboxAnswer#NOT_FOUND} for any other path. */
  SandboxAnswer route(SandboxRequest request) throws IOException;
}
