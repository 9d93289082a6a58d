package dev.cancelkit.spectools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads OpenAPI and Overlay documents (YAML or JSON) into plain trees of maps, lists, strings,
 * numbers, booleans and nulls, and writes such trees as JSON. Scalars are read as JSON's kinds
 * only: {@code yes}, {@code on} and {@code 2024-01-15} stay strings, as a JSON reader of the same
 * document would see them.
 */
final class Documents {
  private Documents() {}

  /** The tree of the YAML (or JSON) document at {@code file}. */
  static Object read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new SpecException("cannot read " + file + ": " + e.getMessage());
    }
  }

  /** The tree of {@code text}; {@code name} is what errors call it. */
  static Object parse(String text, String name) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(64 << 20);
    options.setAllowDuplicateKeys(false);
    Yaml yaml =
        new Yaml(
            new SafeConstructor(options),
            new Representer(new org.yaml.snakeyaml.DumperOptions()),
            new org.yaml.snakeyaml.DumperOptions(),
            options,
            new JsonScalars());
    try {
      return stringKeys(yaml.load(text));
    } catch (RuntimeException e) {
      throw new SpecException(name + " is not a YAML or JSON document: " + e.getMessage());
    }
  }

  /** {@code tree} with every map key a string ({@code 200:} unquoted is the key "200"). */
  private static Object stringKeys(Object tree) {
    if (tree instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), stringKeys(v)));
      return out;
    }
    if (tree instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(stringKeys(v)));
      return out;
    }
    return tree;
  }

  /** The SHA-256 of {@code file}'s bytes, in hex. */
  static String sha256(Path file) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new SpecException("cannot read " + file + ": " + e.getMessage());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code tree} as indented JSON, keys in their order. */
  static String json(Object tree) {
    StringBuilder out = new StringBuilder();
    write(tree, out, "");
    return out.append('\n').toString();
  }

  /** Writes {@code tree} as JSON to {@code file}, creating its folder. */
  static void writeJson(Object tree, Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, json(tree), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SpecException("cannot write " + file + ": " + e.getMessage());
    }
  }

  private static void write(Object value, StringBuilder out, String indent) {
    if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append("{\n");
      String inner = indent + "  ";
      int i = 0;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.append(inner);
        string(String.valueOf(e.getKey()), out);
        out.append(": ");
        write(e.getValue(), out, inner);
        out.append(++i < map.size() ? ",\n" : "\n");
      }
      out.append(indent).append('}');
    } else if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append("[\n");
      String inner = indent + "  ";
      for (int i = 0; i < list.size(); i++) {
        out.append(inner);
        write(list.get(i), out, inner);
        out.append(i + 1 < list.size() ? ",\n" : "\n");
      }
      out.append(indent).append(']');
    } else if (value instanceof String s) {
      string(s, out);
    } else if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
      string(d.toString(), out); // YAML's .nan and .inf have no JSON form
    } else {
      out.append(value); // null, booleans, numbers
    }
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** YAML 1.2's JSON schema: null, true/false, integers and floats; everything else a string. */
  private static final class JsonScalars extends Resolver {
    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(
          Tag.BOOL, Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF");
      addImplicitResolver(Tag.INT, Pattern.compile("^-?(?:0|[1-9][0-9]*)$"), "-0123456789");
      addImplicitResolver(
          Tag.FLOAT,
          Pattern.compile(
              "^(?:-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?"
                  + "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$"),
          "-+0123456789.");
      addImplicitResolver(Tag.NULL, Pattern.compile("^(?:~|null|Null|NULL| )$"), "~nN\0");
      addImplicitResolver(Tag.NULL, Pattern.compile("^$"), null);
    }
  }
}
