package dev.cancelkit.spectools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the client's operations look like in a document, reduced to what a change can matter for:
 * each operation's parameters, request body and answers, and each schema they reach with its fields
 * (type, required or not, enum values). Written as {@code surface.json} beside the document when a
 * document is accepted; a new document's surface is compared with it, field by field.
 */
final class Surface {
  private Surface() {}

  /** The surface of a sliced document, as a tree for {@link Documents#json}. */
  static Map<String, Object> of(Map<String, Object> slice) {
    Map<String, Object> operations = new TreeMap<>();
    Map<?, ?> paths = (Map<?, ?>) slice.get("paths");
    for (Map.Entry<?, ?> p : paths.entrySet()) {
      Map<?, ?> item = (Map<?, ?>) p.getValue();
      for (Map.Entry<?, ?> m : item.entrySet()) {
        if (!(m.getValue() instanceof Map<?, ?> op) || !isMethod(String.valueOf(m.getKey()))) {
          continue;
        }
        Map<String, Object> o = new TreeMap<>();
        o.put("operationId", op.get("operationId"));
        Map<String, Object> params = new TreeMap<>();
        for (Object list : new Object[] {item.get("parameters"), op.get("parameters")}) {
          if (list instanceof List<?> l) {
            for (Object raw : l) {
              Map<?, ?> param = resolve(raw, slice);
              params.put(
                  param.get("in") + " " + param.get("name"),
                  describe(param.get("schema"))
                      + (Boolean.TRUE.equals(param.get("required")) ? ", required" : ""));
            }
          }
        }
        o.put("parameters", params);
        if (op.get("requestBody") != null) {
          Map<?, ?> body = resolve(op.get("requestBody"), slice);
          o.put(
              "requestBody",
              describe(jsonSchema(body))
                  + (Boolean.TRUE.equals(body.get("required")) ? ", required" : ""));
        }
        Map<String, Object> answers = new TreeMap<>();
        if (op.get("responses") instanceof Map<?, ?> responses) {
          for (Map.Entry<?, ?> r : responses.entrySet()) {
            Object schema = jsonSchema(resolve(r.getValue(), slice));
            answers.put(
                String.valueOf(r.getKey()), schema == null ? "no JSON body" : describe(schema));
          }
        }
        o.put("responses", answers);
        operations.put(
            String.valueOf(m.getKey()).toUpperCase(java.util.Locale.ROOT) + " " + p.getKey(), o);
      }
    }
    Map<String, Object> schemas = new TreeMap<>();
    Map<?, ?> components = slice.get("components") instanceof Map<?, ?> c ? c : Map.of();
    if (components.get("schemas") instanceof Map<?, ?> all) {
      for (Map.Entry<?, ?> s : all.entrySet()) {
        Map<String, Object> fields = new TreeMap<>();
        Map<String, Object> schema = new TreeMap<>();
        schema.put("type", describe(s.getValue()));
        List<Object> values = enumOf(s.getValue());
        if (values != null) {
          schema.put("enum", values);
        }
        fieldsOf(s.getValue(), "", fields);
        schema.put("fields", fields);
        schemas.put(String.valueOf(s.getKey()), schema);
      }
    }
    Map<String, Object> surface = new LinkedHashMap<>();
    surface.put("operations", operations);
    surface.put("schemas", schemas);
    return surface;
  }

  private static boolean isMethod(String key) {
    return List.of("get", "put", "post", "delete", "patch", "head", "options", "trace")
        .contains(key);
  }

  /** A parameter, body or response, through its {@code $ref} if it has one. */
  private static Map<?, ?> resolve(Object node, Map<String, Object> slice) {
    Object n = node;
    for (int i = 0;
        i < 20 && n instanceof Map<?, ?> m && m.get("$ref") instanceof String ref;
        i++) {
      String[] parts = ref.substring("#/components/".length()).split("/", 2);
      n = ((Map<?, ?>) ((Map<?, ?>) slice.get("components")).get(parts[0])).get(parts[1]);
    }
    return n instanceof Map<?, ?> m ? m : Map.of();
  }

  /** The schema of a body's or a response's JSON content; null if it has none. */
  private static Object jsonSchema(Map<?, ?> bodyOrResponse) {
    if (bodyOrResponse.get("content") instanceof Map<?, ?> content) {
      for (Map.Entry<?, ?> e : content.entrySet()) {
        if (String.valueOf(e.getKey()).contains("json")
            && e.getValue() instanceof Map<?, ?> media) {
          return media.get("schema");
        }
      }
    }
    return null;
  }

  /** A schema in a few words: {@code string (date-time)}, {@code array of BatchJob}, ... */
  static String describe(Object node) {
    if (!(node instanceof Map<?, ?> s)) {
      return node == null ? "any" : String.valueOf(node);
    }
    if (s.get("$ref") instanceof String ref) {
      return ref.substring(ref.lastIndexOf('/') + 1);
    }
    for (String combiner : List.of("oneOf", "anyOf", "allOf")) {
      if (s.get(combiner) instanceof List<?> members) {
        List<String> each = new ArrayList<>();
        members.forEach(m -> each.add(describe(m)));
        return combiner + "(" + String.join(" | ", each) + ")";
      }
    }
    if (s.containsKey("const")) {
      return "const " + s.get("const");
    }
    String type;
    if (s.get("type") instanceof List<?> types) {
      List<String> names = new ArrayList<>();
      types.forEach(t -> names.add(String.valueOf(t)));
      type = String.join(" or ", names);
    } else {
      type =
          s.get("type") == null
              ? (s.containsKey("properties") ? "object" : "any")
              : String.valueOf(s.get("type"));
    }
    if (type.equals("array")) {
      type = "array of " + describe(s.get("items"));
    }
    if (s.get("format") != null) {
      type += " (" + s.get("format") + ")";
    }
    if (s.get("enum") != null) {
      type += " enum";
    }
    if (Boolean.TRUE.equals(s.get("nullable"))) {
      type += " or null";
    }
    return type;
  }

  private static List<Object> enumOf(Object node) {
    return node instanceof Map<?, ?> s && s.get("enum") instanceof List<?> values
        ? new ArrayList<>(values)
        : null;
  }

  /** The fields of a schema, nested inline objects as {@code a.b}, array items as {@code a[].b}. */
  private static void fieldsOf(Object node, String prefix, Map<String, Object> out) {
    if (!(node instanceof Map<?, ?> s)) {
      return;
    }
    if (s.get("allOf") instanceof List<?> members) {
      members.forEach(m -> fieldsOf(m, prefix, out));
    }
    Set<String> required = new LinkedHashSet<>();
    if (s.get("required") instanceof List<?> r) {
      r.forEach(x -> required.add(String.valueOf(x)));
    }
    if (s.get("properties") instanceof Map<?, ?> properties) {
      for (Map.Entry<?, ?> p : properties.entrySet()) {
        String name = prefix + p.getKey();
        Map<String, Object> field = new TreeMap<>();
        field.put("type", describe(p.getValue()));
        field.put("required", required.contains(String.valueOf(p.getKey())));
        List<Object> values = enumOf(p.getValue());
        if (values != null) {
          field.put("enum", values);
        }
        out.put(name, field);
        if (p.getValue() instanceof Map<?, ?> inner && inner.get("$ref") == null) {
          fieldsOf(inner, name + ".", out);
          if (inner.get("items") instanceof Map<?, ?> items && items.get("$ref") == null) {
            fieldsOf(items, name + "[].", out);
          }
        }
      }
    }
  }

  /** What changed from {@code before} to {@code after}; empty if nothing did. */
  static Changes compare(Map<?, ?> before, Map<?, ?> after, Set<String> reads) {
    Changes c = new Changes();
    Map<?, ?> opsBefore = (Map<?, ?>) before.get("operations");
    Map<?, ?> opsAfter = (Map<?, ?>) after.get("operations");
    for (Object key : union(opsBefore.keySet(), opsAfter.keySet())) {
      Map<?, ?> a = (Map<?, ?>) opsBefore.get(key);
      Map<?, ?> b = (Map<?, ?>) opsAfter.get(key);
      if (a == null) {
        c.note("operation " + key + ": now used by the client");
      } else if (b == null) {
        c.note("operation " + key + ": no longer used by the client");
      } else {
        compareValue(
            "operation " + key + " operationId", a.get("operationId"), b.get("operationId"), c);
        compareMaps(
            "operation " + key + " parameter",
            (Map<?, ?>) a.get("parameters"),
            (Map<?, ?>) b.get("parameters"),
            c);
        compareValue(
            "operation " + key + " request body", a.get("requestBody"), b.get("requestBody"), c);
        compareMaps(
            "operation " + key + " answer",
            (Map<?, ?>) a.get("responses"),
            (Map<?, ?>) b.get("responses"),
            c);
      }
    }
    Map<?, ?> sBefore = (Map<?, ?>) before.get("schemas");
    Map<?, ?> sAfter = (Map<?, ?>) after.get("schemas");
    for (Object key : union(sBefore.keySet(), sAfter.keySet())) {
      Map<?, ?> a = (Map<?, ?>) sBefore.get(key);
      Map<?, ?> b = (Map<?, ?>) sAfter.get(key);
      if (a == null) {
        c.note("schema " + key + ": new, reached from the client's operations");
        continue;
      }
      if (b == null) {
        c.note(
            "schema "
                + key
                + ": no longer reached from the client's operations (removed or renamed)");
        for (Object f : ((Map<?, ?>) a.get("fields")).keySet()) {
          if (reads.contains(key + "." + f)) {
            c.breaking(key + "." + f + ", which the client reads, is gone with its schema");
          }
        }
        continue;
      }
      compareValue("schema " + key, a.get("type"), b.get("type"), c);
      compareEnums("schema " + key, a.get("enum"), b.get("enum"), c);
      compareFields(
          String.valueOf(key), (Map<?, ?>) a.get("fields"), (Map<?, ?>) b.get("fields"), reads, c);
    }
    return c;
  }

  private static void compareFields(
      String schema, Map<?, ?> before, Map<?, ?> after, Set<String> reads, Changes c) {
    List<String> removed = new ArrayList<>();
    List<String> added = new ArrayList<>();
    for (Object f : union(before.keySet(), after.keySet())) {
      Map<?, ?> a = (Map<?, ?>) before.get(f);
      Map<?, ?> b = (Map<?, ?>) after.get(f);
      String name = schema + "." + f;
      if (a == null) {
        added.add(String.valueOf(f));
        continue;
      }
      if (b == null) {
        removed.add(String.valueOf(f));
        continue;
      }
      if (!a.get("type").equals(b.get("type"))) {
        String text = name + ": its type was " + a.get("type") + ", now " + b.get("type");
        if (reads.contains(name)) {
          c.breaking(text + "; the client reads it: check how it reads it, then accept");
        } else {
          c.note(text);
        }
      }
      if (!a.get("required").equals(b.get("required"))) {
        c.note(
            name + ": now " + (Boolean.TRUE.equals(b.get("required")) ? "required" : "optional"));
      }
      compareEnums(name, a.get("enum"), b.get("enum"), c);
    }
    for (String f : removed) {
      Map<?, ?> a = (Map<?, ?>) before.get(f);
      String renamed =
          added.stream()
              .filter(
                  n ->
                      !n.contains(".") == !f.contains(".")
                          && ((Map<?, ?>) after.get(n)).get("type").equals(a.get("type")))
              .findFirst()
              .orElse(null);
      String text =
          schema
              + "."
              + f
              + ": removed"
              + (renamed == null
                  ? ""
                  : " (renamed " + renamed + "? a field of the same type was added)");
      if (reads.contains(schema + "." + f)) {
        c.breaking(text + "; the client reads it");
      } else {
        c.note(text);
      }
    }
    for (String f : added) {
      Map<?, ?> b = (Map<?, ?>) after.get(f);
      c.note(
          schema
              + "."
              + f
              + ": added ("
              + b.get("type")
              + (Boolean.TRUE.equals(b.get("required")) ? ", required" : "")
              + ")");
    }
  }

  private static void compareEnums(String what, Object before, Object after, Changes c) {
    List<?> a = before instanceof List<?> l ? l : List.of();
    List<?> b = after instanceof List<?> l ? l : List.of();
    if (before == null && after != null) {
      c.note(what + ": now an enum of " + join(b));
      return;
    }
    if (before != null && after == null) {
      c.note(what + ": no longer an enum (was " + join(a) + ")");
      return;
    }
    List<Object> gained = new ArrayList<>(b);
    gained.removeAll(a);
    List<Object> lost = new ArrayList<>(a);
    lost.removeAll(b);
    if (!gained.isEmpty()) {
      c.note(
          what
              + ": new values "
              + join(gained)
              + " (a status must be mapped in the provider's *States class; the state-table test names it)");
    }
    if (!lost.isEmpty()) {
      c.note(what + ": values removed " + join(lost));
    }
  }

  private static void compareMaps(String what, Map<?, ?> before, Map<?, ?> after, Changes c) {
    for (Object k : union(before.keySet(), after.keySet())) {
      compareValue(what + " " + k, before.get(k), after.get(k), c);
    }
  }

  private static void compareValue(String what, Object before, Object after, Changes c) {
    if (before == null && after != null) {
      c.note(what + ": added (" + after + ")");
    } else if (before != null && after == null) {
      c.note(what + ": removed (was " + before + ")");
    } else if (before != null && !before.equals(after)) {
      c.note(what + ": was " + before + ", now " + after);
    }
  }

  private static Set<Object> union(Set<?> a, Set<?> b) {
    Set<Object> all = new java.util.TreeSet<>(java.util.Comparator.comparing(String::valueOf));
    all.addAll(a);
    all.addAll(b);
    return all;
  }

  private static String join(List<?> values) {
    List<String> s = new ArrayList<>();
    values.forEach(v -> s.add(String.valueOf(v)));
    return String.join(", ", s);
  }

  /** The changes found: notes to read, and the breaking ones that stop the build. */
  static final class Changes {
    final List<String> notes = new ArrayList<>();
    final List<String> breaking = new ArrayList<>();

    void note(String text) {
      notes.add(text);
    }

    void breaking(String text) {
      breaking.add(text);
    }

    boolean isEmpty() {
      return notes.isEmpty() && breaking.isEmpty();
    }
  }
}
