package dev.cancelkit.testkit;

/**
 * What the sandbox answers: a status and a body, a JSON value (maps, lists, strings, numbers) or a
 * String sent as plain text.
 */
record SandboxAnswer(int status, Object body) {
  static final SandboxAnswer NOT_FOUND = new SandboxAnswer(404, "Not Found");
}
