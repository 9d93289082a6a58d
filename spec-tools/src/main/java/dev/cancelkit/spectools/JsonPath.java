package dev.cancelkit.spectools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The part of JSONPath (RFC 9535) that overlays need: {@code $}, child names ({@code .name}, {@code
 * ['name']}), wildcards ({@code .*}, {@code [*]}), indexes ({@code [0]}, {@code [-1]}), descendants
 * ({@code ..name}) and filters comparing a relative path with a literal ({@code [?@.name == 'id']},
 * {@code !=} too). Anything else is refused with the position it stops at, so an overlay never
 * silently selects something other than what it says.
 */
final class JsonPath {
  /** Where a selected node is: its parent (a map or a list) and its key or index there. */
  record Location(Object parent, Object key, Object value) {}

  private sealed interface Segment permits Child, Wildcard, Index, Descendant, Filter {}

  private record Child(String name) implements Segment {}

  private record Wildcard() implements Segment {}

  private record Index(int index) implements Segment {}

  private record Descendant(Segment then) implements Segment {}

  private record Filter(List<String> path, boolean equal, Object literal) implements Segment {
    /**
     * Whether {@code node}'s member at {@code path} is (or, for {@code !=}, is not) the literal.
     */
    boolean accepts(Object node) {
      Object v = node;
      for (String name : path) {
        if (!(v instanceof Map<?, ?> m) || !m.containsKey(name)) {
          return false; // no such member: neither == nor != holds
        }
        v = m.get(name);
      }
      return equal == equalValues(v, literal);
    }
  }

  private final String text;
  private final List<Segment> segments;

  private JsonPath(String text, List<Segment> segments) {
    this.text = text;
    this.segments = segments;
  }

  @Override
  public String toString() {
    return text;
  }

  /** Parses {@code text}. */
  static JsonPath parse(String text) {
    return new Parser(text).path();
  }

  /** The nodes this path selects in {@code root}, in document order. */
  List<Location> select(Object root) {
    List<Location> nodes = List.of(new Location(null, null, root));
    for (Segment s : segments) {
      List<Location> next = new ArrayList<>();
      for (Location n : nodes) {
        apply(s, n.value(), next);
      }
      nodes = next;
    }
    return nodes;
  }

  private static void apply(Segment s, Object node, List<Location> out) {
    if (s instanceof Child c) {
      if (node instanceof Map<?, ?> m && m.containsKey(c.name())) {
        out.add(new Location(m, c.name(), m.get(c.name())));
      }
    } else if (s instanceof Wildcard) {
      children(node, out);
    } else if (s instanceof Index i) {
      if (node instanceof List<?> l) {
        int at = i.index() < 0 ? l.size() + i.index() : i.index();
        if (at >= 0 && at < l.size()) {
          out.add(new Location(l, at, l.get(at)));
        }
      }
    } else if (s instanceof Descendant d) {
      descend(d.then(), node, out);
    } else if (s instanceof Filter f) {
      List<Location> kids = new ArrayList<>();
      children(node, kids);
      for (Location k : kids) {
        if (f.accepts(k.value())) {
          out.add(k);
        }
      }
    }
  }

  private static boolean equalValues(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    return Objects.equals(a, b);
  }

  private static void children(Object node, List<Location> out) {
    if (node instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.add(new Location(m, k, v)));
    } else if (node instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        out.add(new Location(l, i, l.get(i)));
      }
    }
  }

  /** Applies {@code then} to {@code node} and to every node below it, in document order. */
  private static void descend(Segment then, Object node, List<Location> out) {
    apply(then, node, out);
    List<Location> kids = new ArrayList<>();
    children(node, kids);
    for (Location k : kids) {
      descend(then, k.value(), out);
    }
  }

  /** A recursive-descent reader of the supported syntax. */
  private static final class Parser {
    private final String text;
    private int at;

    Parser(String text) {
      this.text = Objects.requireNonNull(text, "target");
    }

    JsonPath path() {
      List<Segment> segments = new ArrayList<>();
      skipSpaces();
      expect('$');
      while (at < text.length()) {
        if (text.startsWith("..", at)) {
          at += 2;
          segments.add(new Descendant(text.startsWith("[", at) ? bracket() : dotted()));
        } else if (text.charAt(at) == '.') {
          at++;
          segments.add(dotted());
        } else if (text.charAt(at) == '[') {
          segments.add(bracket());
        } else {
          throw refused("a '.' or '['");
        }
      }
      return new JsonPath(text, List.copyOf(segments));
    }

    private Segment dotted() {
      if (at < text.length() && text.charAt(at) == '*') {
        at++;
        return new Wildcard();
      }
      return new Child(name());
    }

    private String name() {
      int start = at;
      while (at < text.length()
          && (Character.isLetterOrDigit(text.charAt(at))
              || text.charAt(at) == '_'
              || text.charAt(at) == '-'
              || text.charAt(at) == '$')) {
        at++;
      }
      if (at == start) {
        throw refused("a name");
      }
      return text.substring(start, at);
    }

    private Segment bracket() {
      expect('[');
      skipSpaces();
      Segment s;
      char c = peek();
      if (c == '*') {
        at++;
        s = new Wildcard();
      } else if (c == '\'' || c == '"') {
        s = new Child(quoted());
      } else if (c == '?') {
        at++;
        s = filter();
      } else if (c == '-' || Character.isDigit(c)) {
        int start = at++;
        while (at < text.length() && Character.isDigit(text.charAt(at))) {
          at++;
        }
        try {
          s = new Index(Integer.parseInt(text.substring(start, at)));
        } catch (NumberFormatException e) {
          throw refused("an index");
        }
      } else {
        throw refused("'*', a quoted name, an index or a filter '?'");
      }
      skipSpaces();
      expect(']');
      return s;
    }

    private Segment filter() {
      skipSpaces();
      boolean parenthesised = peek() == '(';
      if (parenthesised) {
        at++;
        skipSpaces();
      }
      expect('@');
      List<String> path = new ArrayList<>();
      while (peek() == '.' || peek() == '[') {
        if (peek() == '.') {
          at++;
          path.add(name());
        } else {
          at++;
          skipSpaces();
          path.add(quoted());
          skipSpaces();
          expect(']');
        }
      }
      if (path.isEmpty()) {
        throw refused("a member of @, such as @.name");
      }
      skipSpaces();
      boolean equal;
      if (text.startsWith("==", at)) {
        equal = true;
      } else if (text.startsWith("!=", at)) {
        equal = false;
      } else {
        throw refused("== or !=");
      }
      at += 2;
      skipSpaces();
      Object literal = literal();
      skipSpaces();
      if (parenthesised) {
        expect(')');
      }
      return new Filter(List.copyOf(path), equal, literal);
    }

    private Object literal() {
      char c = peek();
      if (c == '\'' || c == '"') {
        return quoted();
      }
      for (String word : List.of("true", "false", "null")) {
        if (text.startsWith(word, at)) {
          at += word.length();
          return word.equals("null") ? null : Boolean.valueOf(word);
        }
      }
      int start = at;
      while (at < text.length() && "-+.eE0123456789".indexOf(text.charAt(at)) >= 0) {
        at++;
      }
      try {
        String n = text.substring(start, at);
        return n.matches("-?\\d+") ? (Object) Long.valueOf(n) : (Object) Double.valueOf(n);
      } catch (NumberFormatException e) {
        throw refused("a string, number, true, false or null");
      }
    }

    private String quoted() {
      char quote = peek();
      if (quote != '\'' && quote != '"') {
        throw refused("a quoted name");
      }
      at++;
      StringBuilder s = new StringBuilder();
      while (at < text.length() && text.charAt(at) != quote) {
        char c = text.charAt(at++);
        if (c == '\\' && at < text.length()) {
          c = text.charAt(at++);
        }
        s.append(c);
      }
      expect(quote);
      return s.toString();
    }

    private char peek() {
      return at < text.length() ? text.charAt(at) : '\0';
    }

    private void expect(char c) {
      if (peek() != c) {
        throw refused("'" + c + "'");
      }
      at++;
    }

    private void skipSpaces() {
      while (at < text.length() && text.charAt(at) == ' ') {
        at++;
      }
    }

    private SpecException refused(String wanted) {
      return new SpecException(
          "the JSONPath "
              + text
              + " is not one cancelkit's overlays support: at character "
              + (at + 1)
              + " it wants "
              + wanted
              + " (supported: $, .name, ['name'], .*, [*], [0], ..name, [?@.name == 'value'])");
    }
  }
}
