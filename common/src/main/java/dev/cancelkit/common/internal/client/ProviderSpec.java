package dev.cancelkit.common.internal.client;

import java.util.Objects;

/**
 * What cancelkit knows about a provider before any call: its name, where its key and base URL come
 * from, and which job ids it accepts.
 *
 * @param name the provider's name in messages and {@code provider()}: {@code together}, {@code
 *     cerebras}...
 * @param apiKeyVariable the environment variable read when the builder was given no key
 * @param baseUrlVariable the environment variable that overrides the default base URL
 * @param defaultBaseUrl the provider's published base URL, version path included
 * @param maxJobIdLength the longest job id the provider accepts, in characters
 */
public record ProviderSpec(
    String name,
    String apiKeyVariable,
    String baseUrlVariable,
    String defaultBaseUrl,
    int maxJobIdLength) {
  public ProviderSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(apiKeyVariable, "apiKeyVariable");
    Objects.requireNonNull(baseUrlVariable, "baseUrlVariable");
    Objects.requireNonNull(defaultBaseUrl, "defaultBaseUrl");
    if (maxJobIdLength < 1) {
      throw new IllegalArgumentException("maxJobIdLength must be positive: " + maxJobIdLength);
    }
  }

  /**
   * The longest id of a provider that publishes no bound (Together, Cerebras), in characters. Their
   * ids are at most 64 characters in every page and example ({@code ft-} and a UUID is 39); an id
   * goes into the request line, which servers cap at 8 KiB (nginx's default; beyond it a 414, or a
   * connection closed mid-request), and 256 characters stay under that however they are
   * percent-encoded (at most 12 bytes each), with room for the path.
   */
  public static final int DEFAULT_MAX_JOB_ID_LENGTH = 256;

  /** A provider that publishes no bound on its ids: {@link #DEFAULT_MAX_JOB_ID_LENGTH}. */
  public ProviderSpec(
      String name, String apiKeyVariable, String baseUrlVariable, String defaultBaseUrl) {
    this(name, apiKeyVariable, baseUrlVariable, defaultBaseUrl, DEFAULT_MAX_JOB_ID_LENGTH);
  }

  /** The provider's job id rule. */
  public JobIdRule ids() {
    return new JobIdRule(name, maxJobIdLength);
  }
}
