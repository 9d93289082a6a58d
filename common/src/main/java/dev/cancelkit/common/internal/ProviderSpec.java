package dev.cancelkit.common.internal;

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

  /** A provider whose job ids have no length limit. */
  public ProviderSpec(
      String name, String apiKeyVariable, String baseUrlVariable, String defaultBaseUrl) {
    this(name, apiKeyVariable, baseUrlVariable, defaultBaseUrl, Integer.MAX_VALUE);
  }

  /** The provider's job id rule. */
  public JobIdRule ids() {
    return new JobIdRule(name, maxJobIdLength);
  }
}
