package dev.cancelkit.common.internal.client;

import dev.cancelkit.common.MissingApiKeyException;
import dev.cancelkit.common.internal.text.SafeText;
import dev.cancelkit.common.internal.text.ScrubbedCause;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Where a client's requests go and the key they carry: the whole journey of the API key in one
 * place. The key and base URL are resolved (builder, then the provider's environment variables,
 * then the defaults) and checked here; every text that came from outside passes through {@link
 * #scrub} before it reaches a message, so the key never leaves in one.
 */
public final class Endpoint {
  /** Keys shorter than this are test keys; redacting them would mangle ordinary words. */
  private static final int MIN_REDACTED_KEY_LENGTH = 6;

  static final String REDACTED = "[redacted]";

  private final ProviderSpec provider;
  private final HttpUrl baseUrl;
  private final String apiKey;

  /** The fewest characters of the key's start that a cut text may not end with. */
  public static final int MIN_REDACTED_PIECE = 3;

  /** The key in any encoding a server may echo it in; null for a test key too short to redact. */
  private final Pattern echo;

  /** A piece of the key's start, in any of those encodings, at the very end of a text. */
  private final Pattern pieceAtEnd;

  /** The characters an echo can start with: a text without any of them is left alone, fast. */
  private final boolean[] echoStarts = new boolean[128];

  private Endpoint(ProviderSpec provider, HttpUrl baseUrl, String apiKey) {
    this.provider = provider;
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
    if (apiKey.length() < MIN_REDACTED_KEY_LENGTH) {
      this.echo = null;
      this.pieceAtEnd = null;
    } else {
      StringBuilder whole = new StringBuilder();
      for (int i = 0; i < apiKey.length(); i++) {
        whole.append(encodings(apiKey.charAt(i)));
      }
      echoStarts[apiKey.charAt(0)] = true;
      echoStarts['\\'] = true;
      echoStarts['%'] = true;
      for (String b64 : base64s(apiKey)) {
        whole.append('|').append(Pattern.quote(b64));
        echoStarts[b64.charAt(0)] = true;
      }
      this.echo = Pattern.compile(whole.toString());
      StringBuilder piece = new StringBuilder();
      for (int i = 0; i < MIN_REDACTED_PIECE; i++) {
        piece.append(encodings(apiKey.charAt(i)));
      }
      StringBuilder rest = new StringBuilder();
      for (int i = apiKey.length() - 1; i >= MIN_REDACTED_PIECE; i--) {
        rest.insert(0, "(?:" + encodings(apiKey.charAt(i))).append(")?");
      }
      this.pieceAtEnd = Pattern.compile(piece + rest.toString() + "$");
    }
  }

  /**
   * One character of the key as a server may send it back: itself, a JSON escape (backslash-u and
   * four hex digits, and {@code \/} for a slash), or percent-encoded.
   */
  private static String encodings(char c) {
    String hex =
        Integer.toHexString(0x10000 | c).substring(1); // four digits; no Formatter at start-up
    StringBuilder s = new StringBuilder("(?:").append(Pattern.quote(String.valueOf(c)));
    s.append("|\\\\u(?i:").append(hex).append(")");
    s.append("|%(?i:").append(hex, 2, 4).append(")");
    if (c == '/') {
      s.append("|\\\\/");
    }
    return s.append(')').toString();
  }

  /** The key and its {@code Authorization} value in Base64, as a header echo may carry them. */
  private static List<String> base64s(String key) {
    List<String> out = new ArrayList<>();
    for (String text : List.of("Bearer " + key, key)) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      String plain = Base64.getEncoder().withoutPadding().encodeToString(bytes);
      String url = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      // the last character of unpadded Base64 also holds bits of what follows: leave it out
      out.add(plain.substring(0, plain.length() - 1));
      if (!url.equals(plain)) {
        out.add(url.substring(0, url.length() - 1));
      }
    }
    return out;
  }

  /**
   * Resolves and checks the key and the base URL.
   *
   * @throws IllegalStateException if no key was given and the provider's variable is unset or blank
   * @throws IllegalArgumentException if the key or the base URL is unusable; the message repeats
   *     neither the key nor credentials found in the URL
   */
  public static Endpoint resolve(ProviderSpec provider, ClientOptions options) {
    String key = options.apiKey();
    if (key == null) {
      key = options.environment().apply(provider.apiKeyVariable());
      if (key == null || key.isBlank()) {
        throw new MissingApiKeyException(provider.name(), provider.apiKeyVariable());
      }
    }
    key = key.strip();
    if (key.isEmpty()) {
      throw new IllegalArgumentException("The " + provider.name() + " API key is blank");
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c <= ' ' || c >= 0x7f) { // says where, never what
        throw new IllegalArgumentException(
            "The "
                + provider.name()
                + " API key has a character that cannot go in an HTTP header, at index "
                + i);
      }
    }
    String url = options.baseUrl();
    String source = "baseUrl(...)";
    if (url == null) {
      url = options.environment().apply(provider.baseUrlVariable());
      source = provider.baseUrlVariable();
      if (url == null || url.isBlank()) {
        url = provider.defaultBaseUrl();
        source = "the default base URL";
      }
    }
    return new Endpoint(
        provider, parseBaseUrl(provider, url.strip(), source, options.allowInsecureHttp()), key);
  }

  static HttpUrl parseBaseUrl(
      ProviderSpec provider, String url, String source, boolean allowInsecureHttp) {
    for (int i = 0; i < url.length(); i++) {
      if (SafeText.isControl(url.charAt(i))) { // OkHttp would drop CR, LF and tab silently
        throw new IllegalArgumentException(
            "Base URL from "
                + source
                + " has a control character at index "
                + i
                + ": "
                + SafeText.escape(withoutSecrets(url)));
      }
    }
    HttpUrl parsed = HttpUrl.parse(url.endsWith("/") ? url : url + "/");
    if (parsed == null) {
      throw new IllegalArgumentException(
          "Base URL from " + source + " is not an http or https URL: " + withoutSecrets(url));
    }
    if (!parsed.username().isEmpty() || !parsed.password().isEmpty()) {
      throw new IllegalArgumentException(
          "Base URL from "
              + source
              + " must not carry credentials: "
              + withoutSecrets(parsed.toString()));
    }
    if (parsed.query() != null || parsed.fragment() != null) {
      throw new IllegalArgumentException(
          "Base URL from "
              + source
              + " must not have a query or fragment: "
              + withoutSecrets(parsed.toString()));
    }
    if (!parsed.isHttps() && !isLoopback(parsed.host()) && !allowInsecureHttp) {
      throw new IllegalArgumentException(
          "Base URL from "
              + source
              + " uses http to "
              + parsed.host()
              + ": the API key would cross the network in clear text. Use https, or"
              + " allowInsecureHttp(true) if you really mean it");
    }
    if (parsed.encodedPath().equals("/")) { // the providers' SDKs read *_BASE_URL without one
      parsed = parsed.newBuilder().encodedPath(versionPath(provider)).build();
    }
    return parsed;
  }

  /** The default base URL's path, such as {@code /v1/}. */
  private static String versionPath(ProviderSpec provider) {
    String path = HttpUrl.get(provider.defaultBaseUrl()).encodedPath();
    return path.endsWith("/") ? path : path + "/";
  }

  /**
   * A URL as it may appear in a message: user info, query and fragment replaced, so that no
   * credential written into a URL is repeated.
   */
  static String withoutSecrets(String url) {
    String s = url.replaceAll("(?<=//)[^/?#]*@", "***@");
    int cut = indexOfAny(s, '?', '#');
    return cut < 0 ? s : s.substring(0, cut) + s.charAt(cut) + "***";
  }

  private static int indexOfAny(String s, char a, char b) {
    int i = s.indexOf(a);
    int j = s.indexOf(b);
    return i < 0 ? j : j < 0 ? i : Math.min(i, j);
  }

  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.equals("::1") || h.matches("127(\\.\\d{1,3}){3}");
  }

  /** The provider's name, as in exception messages. */
  public String provider() {
    return provider.name();
  }

  public ProviderSpec spec() {
    return provider;
  }

  /** The resolved base URL, always ending in {@code /}. */
  public HttpUrl baseUrl() {
    return baseUrl;
  }

  /** The value of the {@code Authorization} header. */
  public String authorization() {
    return "Bearer " + apiKey;
  }

  /**
   * A fingerprint of the API key: {@code sha256:} and the first 16 hex digits of SHA-256 over a
   * fixed prefix and the key. Two runs with the same key have the same one; it says nothing about
   * the key (64 bits of a hash of a key of far more entropy).
   */
  public String keyFingerprint() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("cancelkit key fingerprint\0".getBytes(StandardCharsets.UTF_8));
      byte[] hash = sha.digest(apiKey.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /**
   * Text from outside with the API key removed, in whatever encoding it was echoed (as it is, JSON
   * escapes, percent-encoding, Base64 of the key or of its {@code Authorization} value). Null stays
   * null.
   */
  public String redact(String text) {
    if (text == null || echo == null || text.length() < apiKey.length() || !mayEcho(text)) {
      return text; // every echo is at least as long as the key (each character one or more)
    }
    Matcher m = echo.matcher(text);
    return m.find() ? m.replaceAll(REDACTED) : text;
  }

  private boolean mayEcho(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 128 && echoStarts[c]) {
        return true;
      }
    }
    return false;
  }

  /**
   * As {@link #redact}, for a text that was cut (a body read no further than a bound): a piece of
   * the key's start left at the very end is redacted too.
   */
  public String redactCut(String text) {
    String r = redact(text);
    if (r == null || pieceAtEnd == null) {
      return r;
    }
    int from = Math.max(0, r.length() - apiKey.length() * 6);
    Matcher m = pieceAtEnd.matcher(r).region(from, r.length());
    return m.find() ? r.substring(0, m.start()) + REDACTED : r;
  }

  /**
   * Text from outside made fit for a message: the key removed and control characters escaped. Null
   * stays null.
   */
  public String scrub(String text) {
    return SafeText.escape(redact(text));
  }

  /**
   * A throwable from below (OkHttp, Moshi...) made fit to be a cause: the same classes, stack
   * traces and chain, with every message scrubbed. Null stays null.
   */
  public Throwable scrub(Throwable t) {
    return ScrubbedCause.of(t, this::scrub);
  }

  @Override
  public String toString() {
    return provider.name() + " at " + baseUrl;
  }
}
