package dev.cancelkit.spectools;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Keeps of a document only what the client's operations need: those operations (with their path
 * items' shared parameters), every component they reach through {@code $ref}s, the security schemes
 * they name and the tags they carry. The generator then makes the classes the client uses, not
 * hundreds it never touches.
 */
final class Slicer {
  private Slicer() {}

  /** The slice of {@code document} (named {@code name}) that {@code client} uses. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> slice(Object document, String name, ClientOperations client) {
    if (!(document instanceof Map<?, ?> doc) || !(doc.get("paths") instanceof Map<?, ?> paths)) {
      throw new SpecException(name + " is not an OpenAPI document: it has no paths");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : doc.entrySet()) {
      String key = String.valueOf(e.getKey());
      if (List.of("openapi", "info", "servers", "security", "jsonSchemaDialect").contains(key)) {
        out.put(key, e.getValue());
      }
    }
    Map<String, Object> keptPaths = new LinkedHashMap<>();
    Set<String> tags = new LinkedHashSet<>();
    for (ClientOperations.Operation op : client.operations()) {
      if (!(paths.get(op.path()) instanceof Map<?, ?> item)) {
        throw missing(name, client, op, "has no path " + op.path());
      }
      String method = op.method().toLowerCase(Locale.ROOT);
      if (!(item.get(method) instanceof Map<?, ?> operation)) {
        throw missing(
            name, client, op, "has the path " + op.path() + " but no " + op.method() + " on it");
      }
      Map<String, Object> kept =
          (Map<String, Object>)
              keptPaths.computeIfAbsent(
                  op.path(),
                  p -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    for (String shared :
                        List.of("summary", "description", "servers", "parameters")) {
                      if (item.containsKey(shared)) {
                        m.put(shared, item.get(shared));
                      }
                    }
                    return m;
                  });
      kept.put(method, operation);
      if (operation.get("tags") instanceof List<?> t) {
        t.forEach(tag -> tags.add(String.valueOf(tag)));
      }
    }
    // keep the paths in the document's order
    Map<String, Object> ordered = new LinkedHashMap<>();
    for (Object p : paths.keySet()) {
      if (keptPaths.containsKey(String.valueOf(p))) {
        ordered.put(String.valueOf(p), keptPaths.get(String.valueOf(p)));
      }
    }
    out.put("paths", ordered);
    if (doc.get("tags") instanceof List<?> all) {
      out.put(
          "tags",
          all.stream()
              .filter(t -> t instanceof Map<?, ?> m && tags.contains(String.valueOf(m.get("name"))))
              .toList());
    }
    Map<?, ?> components = doc.get("components") instanceof Map<?, ?> c ? c : Map.of();
    Set<String> reached = reach(out, components, name);
    Map<String, Object> keptComponents = new LinkedHashMap<>();
    for (Map.Entry<?, ?> section : components.entrySet()) {
      if (!(section.getValue() instanceof Map<?, ?> entries)) {
        continue;
      }
      Map<String, Object> keptSection = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : entries.entrySet()) {
        if (reached.contains(section.getKey() + "/" + entry.getKey())) {
          keptSection.put(String.valueOf(entry.getKey()), entry.getValue());
        }
      }
      if (!keptSection.isEmpty()) {
        keptComponents.put(String.valueOf(section.getKey()), keptSection);
      }
    }
    if (!keptComponents.isEmpty()) {
      out.put("components", keptComponents);
    }
    return out;
  }

  private static SpecException missing(
      String name, ClientOperations client, ClientOperations.Operation op, String what) {
    return new SpecException(
        name
            + " "
            + what
            + ": the client calls "
            + op.key()
            + " (listed in "
            + client.file()
            + "). If the provider removed or moved the operation, change the client and its line in"
            + " that file; if this document is not the one you meant, put the right one back.");
  }

  /** Every component ({@code schemas/Name}, ...) that {@code root} reaches, directly or not. */
  private static Set<String> reach(Object root, Map<?, ?> components, String name) {
    Set<String> reached = new LinkedHashSet<>();
    Deque<Object> todo = new ArrayDeque<>();
    todo.add(root);
    while (!todo.isEmpty()) {
      Object node = todo.pop();
      if (node instanceof Map<?, ?> map) {
        if (map.get("$ref") instanceof String ref) {
          if (!ref.startsWith("#/components/")) {
            throw new SpecException(
                name + " refers to " + ref + ": only references inside the document are supported");
          }
          String[] parts = ref.substring("#/components/".length()).split("/", 2);
          String key = parts[0] + "/" + unescape(parts.length > 1 ? parts[1] : "");
          if (reached.add(key)) {
            Object target =
                components.get(parts[0]) instanceof Map<?, ?> section
                    ? section.get(unescape(parts.length > 1 ? parts[1] : ""))
                    : null;
            if (target == null) {
              throw new SpecException(name + " refers to " + ref + ", which it does not define");
            }
            todo.add(target);
          }
        }
        if (map.get("security") instanceof List<?> requirements) {
          for (Object r : requirements) {
            if (r instanceof Map<?, ?> schemes) {
              schemes.keySet().forEach(s -> reached.add("securitySchemes/" + s));
            }
          }
        }
        map.values().stream().filter(v -> v != null).forEach(todo::add);
      } else if (node instanceof List<?> list) {
        list.stream().filter(v -> v != null).forEach(todo::add);
      }
    }
    return reached;
  }

  /** JSON Pointer's escapes: {@code ~1} is {@code /}, {@code ~0} is {@code ~}. */
  private static String unescape(String token) {
    return token.replace("~1", "/").replace("~0", "~");
  }
}
