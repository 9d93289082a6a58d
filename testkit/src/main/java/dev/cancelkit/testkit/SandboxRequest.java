package dev.cancelkit.testkit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One request as a provider's routes see it: the method, the path segments after the provider's
 * version (decoded), the query parameters (each possibly repeated) and the body.
 */
record SandboxRequest(
    String method, List<String> path, Map<String, List<String>> query, byte[] body) {
  /** The request to {@code rawPath} (such as {@code /cerebras/v1/batches/b1}) for one provider. */
  static SandboxRequest of(String method, String[] rawSegments, String rawQuery, byte[] body) {
    List<String> path = new ArrayList<>();
    for (int i = 3; i < rawSegments.length; i++) { // "", provider, version, ...
      path.add(URLDecoder.decode(rawSegments[i].replace("+", "%2B"), StandardCharsets.UTF_8));
    }
    Map<String, List<String>> query = new HashMap<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          query
              .computeIfAbsent(decode(pair.substring(0, eq)), k -> new ArrayList<>())
              .add(decode(pair.substring(eq + 1)));
        }
      }
    }
    return new SandboxRequest(method, List.copyOf(path), query, body);
  }

  private static String decode(String part) {
    return URLDecoder.decode(part, StandardCharsets.UTF_8);
  }

  /** Whether the request is {@code method} on exactly these path segments ({@code *}: any one). */
  boolean is(String method, String... segments) {
    if (!this.method.equals(method) || path.size() != segments.length) {
      return false;
    }
    for (int i = 0; i < segments.length; i++) {
      if (!segments[i].equals("*") && !segments[i].equals(path.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** The first value of a query parameter, or null. */
  String param(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Every value of a repeated query parameter. */
  List<String> params(String name) {
    return query.getOrDefault(name, List.of());
  }

  /** A whole-number query parameter, {@code otherwise} when absent, null when not a number. */
  Integer intParam(String name, int otherwise) {
    String v = param(name);
    if (v == null) {
      return otherwise;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
