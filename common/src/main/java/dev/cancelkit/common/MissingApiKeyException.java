package dev.cancelkit.common;

/**
 * No API key was given to the builder and the provider's variable is unset or blank; nothing was
 * sent. An {@link IllegalStateException}, as the builder has always thrown; it names the variable
 * so a program (the command line) can word its own message.
 */
public final class MissingApiKeyException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final String provider;
  private final String variable;

  /** For {@code provider}, whose key would come from {@code variable}. */
  public MissingApiKeyException(String provider, String variable) {
    super("No API key for " + provider + ": call apiKey(...) on the builder or set " + variable);
    this.provider = provider;
    this.variable = variable;
  }

  /** {@code together}, {@code cerebras} or {@code archetype}. */
  public String provider() {
    return provider;
  }

  /** The environment variable the key is read from, such as {@code TOGETHER_API_KEY}. */
  public String variable() {
    return variable;
  }
}
