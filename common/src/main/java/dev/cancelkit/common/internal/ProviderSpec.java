package dev.cancelkit.common.internal;

import java.util.Objects;

/**
 * What cancelkit knows about a provider before any call: its name and where its key and base URL
 * come from.
 *
 * @param name the provider's name in messages and {@code provider()}: {@code together}, {@code
 *     cerebras}...
 * @param apiKeyVariable the environment variable read when the builder was given no key
 * @param baseUrlVariable the environment variable that overrides the default base URL
 * @param defaultBaseUrl the provider's published base URL, version path included
 */
public record ProviderSpec(
    String name, String apiKeyVariable, String baseUrlVariable, String defaultBaseUrl) {
  public ProviderSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(apiKeyVariable, "apiKeyVariable");
    Objects.requireNonNull(baseUrlVariable, "baseUrlVariable");
    Objects.requireNonNull(defaultBaseUrl, "defaultBaseUrl");
  }
}
