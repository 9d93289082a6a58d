package dev.cancelkit.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cancelkit.common.internal.client.ProviderSpec;
import dev.cancelkit.common.internal.runtime.ClientRuntime;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where the key and base URL come from, and which base URLs are refused. */
class ClientBuilderTest {
  static final ProviderSpec PROVIDER =
      new ProviderSpec("acme", "ACME_API_KEY", "ACME_BASE_URL", "https://api.acme.example/v2");

  static final class Builder extends ClientBuilder<Builder> {
    ClientRuntime build() {
      return runtime(PROVIDER);
    }
  }

  private static Builder builder(Map<String, String> env) {
    return new Builder().environment(env::get);
  }

  @Test
  void noKeyAnywhereNamesTheVariable() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> builder(Map.of()).build());

    assertEquals(
        "No API key for acme: call apiKey(...) on the builder or set ACME_API_KEY", e.getMessage());
  }

  @Test
  void blankVariableCountsAsUnset() {
    assertThrows(IllegalStateException.class, () -> builder(Map.of("ACME_API_KEY", "  ")).build());
  }

  @Test
  void keyComesFromTheEnvironment() {
    try (ClientRuntime r = builder(Map.of("ACME_API_KEY", "env-key-123456")).build()) {
      assertEquals("x [redacted] y", r.redact("x env-key-123456 y"));
    }
  }

  @Test
  void builderKeyWinsOverTheEnvironment() {
    try (ClientRuntime r =
        builder(Map.of("ACME_API_KEY", "env-key-123456")).apiKey("builder-key-123").build()) {
      assertEquals("[redacted] env-key-123456", r.redact("builder-key-123 env-key-123456"));
    }
  }

  @Test
  void keyThatCannotBeAHeaderIsRefusedWithoutEchoingIt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> builder(Map.of()).apiKey("sk-secret\nvalue").build());

    assertFalse(e.getMessage().contains("secret"), e.getMessage());
    assertTrue(e.getMessage().contains("index 9"), e.getMessage());
  }

  @Test
  void defaultBaseUrlGainsTrailingSlash() {
    try (ClientRuntime r = builder(Map.of()).apiKey("k").build()) {
      assertEquals("https://api.acme.example/v2/", r.baseUrl().toString());
    }
  }

  @Test
  void environmentBaseUrlOverridesDefault() {
    try (ClientRuntime r =
        builder(Map.of("ACME_BASE_URL", "https://eu.acme.example/v2/")).apiKey("k").build()) {
      assertEquals("https://eu.acme.example/v2/", r.baseUrl().toString());
    }
  }

  @Test
  void builderBaseUrlOverridesEnvironment() {
    try (ClientRuntime r =
        builder(Map.of("ACME_BASE_URL", "https://eu.acme.example/v2"))
            .apiKey("k")
            .baseUrl("http://127.0.0.1:8080/v2")
            .build()) {
      assertEquals("http://127.0.0.1:8080/v2/", r.baseUrl().toString());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://localhost:1/v1",
        "http://127.0.0.1/v1",
        "http://[::1]:9/v1",
        "http://127.1.2.3/"
      })
  void plainHttpToLoopbackIsAllowed(String url) {
    try (ClientRuntime r = builder(Map.of()).apiKey("k").baseUrl(url).build()) {
      assertEquals("http", r.baseUrl().scheme());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://api.acme.example/v1",
        "http://10.0.0.5/v1",
        "http://localhost.evil.example/"
      })
  void plainHttpElsewhereIsRefused(String url) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> builder(Map.of()).apiKey("k").baseUrl(url).build());

    assertTrue(e.getMessage().contains("clear text"), e.getMessage());
  }

  @Test
  void plainHttpElsewhereIsAllowedWhenAskedFor() {
    try (ClientRuntime r =
        builder(Map.of())
            .apiKey("k")
            .baseUrl("http://api.acme.example/v1")
            .allowInsecureHttp(true)
            .build()) {
      assertEquals("http://api.acme.example/v1/", r.baseUrl().toString());
    }
  }

  @Test
  void insecureEnvironmentBaseUrlIsRefusedToo() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> builder(Map.of("ACME_BASE_URL", "http://acme.example/v1")).apiKey("k").build());

    assertTrue(e.getMessage().startsWith("Base URL from ACME_BASE_URL uses http"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not a url",
        "ftp://acme.example/",
        "https://acme.example/v1?x=1",
        "https://user:pw@acme.example/v1"
      })
  void unusableBaseUrlIsRefused(String url) {
    assertThrows(
        IllegalArgumentException.class, () -> builder(Map.of()).apiKey("k").baseUrl(url).build());
  }

  @Test
  void badOptionsAreRefusedAtOnce() {
    assertThrows(IllegalArgumentException.class, () -> new Builder().timeout(Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class, () -> new Builder().timeout(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> new Builder().maxRetries(-1));
    assertThrows(NullPointerException.class, () -> new Builder().apiKey(null));
    assertThrows(NullPointerException.class, () -> new Builder().baseUrl(null));
  }

  @Test
  void builderToStringHasNoKey() {
    assertFalse(new Builder().apiKey("sk-very-secret").toString().contains("sk-very-secret"));
  }

  @Test
  void timeoutBoundsEachAttemptAndConnectAtMostTenSeconds() {
    try (ClientRuntime r = builder(Map.of()).apiKey("k").timeout(Duration.ofSeconds(30)).build()) {
      assertEquals(30_000, r.http().callTimeoutMillis());
      assertEquals(30_000, r.http().readTimeoutMillis());
      assertEquals(10_000, r.http().connectTimeoutMillis());
    }
    try (ClientRuntime r = builder(Map.of()).apiKey("k").timeout(Duration.ofSeconds(2)).build()) {
      assertEquals(2_000, r.http().connectTimeoutMillis());
    }
  }

  @Test
  void cancelkitLogDebugTurnsHttpLoggingOn() {
    try (ClientRuntime on = builder(Map.of("CANCELKIT_LOG", "debug")).apiKey("k").build();
        ClientRuntime off = builder(Map.of()).apiKey("k").build();
        ClientRuntime asked = builder(Map.of()).apiKey("k").httpLogging(true).build()) {
      assertEquals(1, on.http().interceptors().size());
      assertEquals(
          "DebugLogInterceptor", on.http().interceptors().get(0).getClass().getSimpleName());
      assertEquals(0, off.http().interceptors().size());
      assertEquals(1, asked.http().interceptors().size());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://eu.acme.example", "https://eu.acme.example/"})
  void baseUrlWithoutAPathGetsTheVersionPath(String url) {
    try (ClientRuntime r = builder(Map.of("ACME_BASE_URL", url)).apiKey("k").build()) {
      assertEquals("https://eu.acme.example/v2/", r.baseUrl().toString());
    }
  }

  @Test
  void baseUrlWithAnotherPathIsKept() {
    try (ClientRuntime r =
        builder(Map.of()).apiKey("k").baseUrl("https://proxy.example/acme").build()) {
      assertEquals("https://proxy.example/acme/", r.baseUrl().toString());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://acme.example/v1\r\nX-Evil: 1",
        "https://acme.example/v\n1",
        "https://acme.example/v1\u0000",
        "https://acme.example/\tv1",
        "https://acme.example/v1\u0085"
      })
  void baseUrlWithControlCharactersIsRefused(String url) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> builder(Map.of()).apiKey("k").baseUrl(url).build());

    assertTrue(e.getMessage().contains(" has a control character at index "), e.getMessage());
    for (char c : e.getMessage().toCharArray()) {
      assertFalse(c < 0x20 || (c >= 0x7f && c <= 0x9f), "raw control character: " + e.getMessage());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://alice:hunter2-secret@acme.example/v1",
        "htps://alice:hunter2-secret@acme.example/v1",
        "https://acme.example/v1?token=hunter2-secret",
        "https://alice:hunter2-secret@acme.example/v1\n",
        "http://alice:hunter2-secret@acme.example/v1"
      })
  void noMessageRepeatsCredentialsFoundInABaseUrl(String url) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> builder(Map.of()).apiKey("k").baseUrl(url).build());

    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
  }

  @Test
  void newOptionsAreCheckedAtOnce() {
    assertThrows(IllegalArgumentException.class, () -> new Builder().totalTimeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> new Builder().maxConcurrentRequests(0));
    assertThrows(IllegalArgumentException.class, () -> new Builder().maxConcurrentRequests(1025));
    assertThrows(NullPointerException.class, () -> new Builder().okHttpClient(null));
    try (ClientRuntime r = builder(Map.of()).apiKey("k").maxConcurrentRequests(1024).build()) {
      assertEquals(1024, r.http().dispatcher().getMaxRequests());
      assertEquals(1024, r.http().dispatcher().getMaxRequestsPerHost());
    }
    try (ClientRuntime r = builder(Map.of()).apiKey("k").build()) {
      assertEquals(64, r.http().dispatcher().getMaxRequests());
      assertEquals(64, r.http().dispatcher().getMaxRequestsPerHost());
    }
  }
}
