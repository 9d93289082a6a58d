package dev.cancelkit.spectools;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Applies an OpenAPI Overlay 1.0 document to a provider's document, action by action in order:
 * {@code update} merges into every node its {@code target} selects (objects recursively, arrays
 * concatenated, scalars replaced; into an array, the update is appended), {@code remove: true}
 * deletes them. An action whose target selects nothing stops the pipeline: the document it was
 * written for has changed there, and someone must decide what the action should now do.
 */
final class Overlay {
  private Overlay() {}

  /**
   * Applies {@code overlay} (named {@code overlayName} in messages) to {@code document} (named
   * {@code documentName}), in place; returns how many actions it applied.
   */
  static int apply(Object overlay, String overlayName, Object document, String documentName) {
    if (!(overlay instanceof Map<?, ?> root)
        || !(root.get("overlay") instanceof String version)
        || !version.startsWith("1.")) {
      throw new SpecException(
          overlayName + " is not an OpenAPI Overlay 1.x document (it needs overlay: 1.0.0)");
    }
    if (!(root.get("actions") instanceof List<?> actions) || actions.isEmpty()) {
      throw new SpecException(
          overlayName + " has no actions (a list of target and update or remove)");
    }
    for (int i = 0; i < actions.size(); i++) {
      action(actions.get(i), i + 1, overlayName, document, documentName);
    }
    return actions.size();
  }

  private static void action(
      Object raw, int number, String overlayName, Object document, String documentName) {
    String name = overlayName + " action " + number;
    if (!(raw instanceof Map<?, ?> action) || !(action.get("target") instanceof String target)) {
      throw new SpecException(name + " has no target (a JSONPath, such as $.paths['/batches'])");
    }
    if (action.get("description") instanceof String d && !d.isBlank()) {
      name += " (" + firstLine(d) + ")";
    }
    boolean remove = Boolean.TRUE.equals(action.get("remove"));
    if (remove == action.containsKey("update")) {
      throw new SpecException(name + " must have either an update or remove: true");
    }
    JsonPath path;
    try {
      path = JsonPath.parse(target);
    } catch (SpecException e) {
      throw new SpecException(name + ": " + e.getMessage());
    }
    List<JsonPath.Location> nodes = path.select(document);
    if (nodes.isEmpty()) {
      throw new SpecException(
          name
              + " targets "
              + target
              + ", which selects nothing in "
              + documentName
              + ": the published document changed there. Read the action's description, look at"
              + " that place in the new document, then retarget the action, or remove it if the"
              + " document no longer needs it.");
    }
    if (remove) {
      removeAll(nodes, name);
    } else {
      for (JsonPath.Location node : nodes) {
        update(node, action.get("update"), name);
      }
    }
  }

  /** Removes the nodes; from a list, the last first, so each index still names its node. */
  @SuppressWarnings("unchecked")
  private static void removeAll(List<JsonPath.Location> nodes, String name) {
    List<JsonPath.Location> ordered = new ArrayList<>(nodes);
    ordered.sort(
        Comparator.comparing((JsonPath.Location l) -> l.key() instanceof Integer i ? -i : 0));
    for (JsonPath.Location node : ordered) {
      if (node.parent() instanceof Map<?, ?> map) {
        ((Map<Object, Object>) map).remove(node.key());
      } else if (node.parent() instanceof List<?> list) {
        ((List<Object>) list).remove((int) (Integer) node.key());
      } else {
        throw new SpecException(name + " removes the whole document");
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void update(JsonPath.Location node, Object update, String name) {
    Object target = node.value();
    if (target instanceof Map<?, ?> map && update instanceof Map<?, ?> fields) {
      merge((Map<Object, Object>) map, fields, name, "");
    } else if (target instanceof List<?> list) {
      ((List<Object>) list).add(copy(update));
    } else {
      throw new SpecException(
          name
              + " updates "
              + (target == null ? "a null" : "a " + kind(target))
              + " with "
              + kind(update)
              + ": an update merges an object into an object or appends to an array; target the"
              + " parent object to replace a value");
    }
  }

  @SuppressWarnings("unchecked")
  private static void merge(Map<Object, Object> target, Map<?, ?> update, String name, String at) {
    for (Map.Entry<?, ?> e : update.entrySet()) {
      Object key = e.getKey();
      Object mine = target.get(key);
      Object theirs = e.getValue();
      if (!target.containsKey(key) || mine == null || theirs == null) {
        target.put(key, copy(theirs));
      } else if (mine instanceof Map<?, ?> m && theirs instanceof Map<?, ?> t) {
        merge((Map<Object, Object>) m, t, name, at + "." + key);
      } else if (mine instanceof List<?> m && theirs instanceof List<?> t) {
        for (Object item : t) {
          ((List<Object>) m).add(copy(item));
        }
      } else if (!(mine instanceof Map)
          && !(mine instanceof List)
          && !(theirs instanceof Map)
          && !(theirs instanceof List)) {
        target.put(key, theirs);
      } else {
        throw new SpecException(
            name
                + " merges "
                + kind(theirs)
                + " into "
                + kind(mine)
                + " at "
                + at
                + "."
                + key
                + ": incompatible (Overlay 1.0); remove the old value in an action before");
      }
    }
  }

  private static Object copy(Object value) {
    return Documents.parse(Documents.json(value), "an overlay value"); // a deep copy, as read
  }

  private static String kind(Object value) {
    return value instanceof Map ? "an object" : value instanceof List ? "an array" : "a scalar";
  }

  private static String firstLine(String text) {
    String line = text.strip().lines().findFirst().orElse("");
    int dot = line.indexOf(". ");
    return dot > 0 ? line.substring(0, dot) : line;
  }
}
