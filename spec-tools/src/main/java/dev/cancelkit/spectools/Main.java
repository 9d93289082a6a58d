package dev.cancelkit.spectools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The spec pipeline of one provider module, run by its build before the generator.
 *
 * <pre>
 * prepare --document D --operations O --surface S --out DIR [--overlay V] [--accept true]
 *     applies V to D, keeps what O names, writes DIR/openapi.json for the generator, compares
 *     its surface with S (the last accepted document's) and writes DIR/changes.md; stops on a
 *     change that breaks the client; with --accept true, S becomes this document's surface.
 * check-generated --operations O --api DIR
 *     checks that the generated interfaces in DIR have every operation and method O names.
 * </pre>
 */
public final class Main {
  private Main() {}

  /** Where the pipeline says what it did (the build's log); tests that need quiet set another. */
  static volatile java.io.PrintStream log = System.out;

  public static void main(String[] args) {
    try {
      run(args);
    } catch (SpecException e) {
      // the build stops here, and says why in a line of its own
      throw new IllegalStateException(e.getMessage(), null);
    }
  }

  static void run(String[] args) {
    if (args.length == 0) {
      throw new SpecException("usage: prepare ... | check-generated ... (see Main's Javadoc)");
    }
    Map<String, String> options = options(args);
    switch (args[0]) {
      case "prepare" -> prepare(options);
      case "check-generated" -> checkGenerated(options);
      default -> throw new SpecException("unknown command " + args[0]);
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        throw new SpecException("expected an option, got " + a);
      }
      int eq = a.indexOf('=');
      if (eq > 0) {
        options.put(a.substring(2, eq), a.substring(eq + 1));
      } else if (i + 1 < args.length) {
        options.put(a.substring(2), args[++i]);
      } else {
        throw new SpecException(a + " wants a value");
      }
    }
    return options;
  }

  private static String required(Map<String, String> options, String name) {
    String v = options.get(name);
    if (v == null || v.isBlank()) {
      throw new SpecException("--" + name + " is required");
    }
    return v;
  }

  /** {@code option}'s path as a person reads it: from the current folder when it is below it. */
  static Path shown(String option) {
    Path p = Path.of(option).toAbsolutePath().normalize();
    Path here = Path.of("").toAbsolutePath();
    return p.startsWith(here) ? here.relativize(p) : p;
  }

  /** What {@code prepare} did: the slice written, and the changes found. */
  record Prepared(Map<String, Object> slice, Surface.Changes changes, String report) {}

  static Prepared prepare(Map<String, String> options) {
    Path document = shown(required(options, "document"));
    Path operations = shown(required(options, "operations"));
    Path surfaceFile = shown(required(options, "surface"));
    Path out = shown(required(options, "out"));
    String overlayOption = options.get("overlay");
    boolean accept = Boolean.parseBoolean(options.getOrDefault("accept", "false"));

    Object tree = Documents.read(document);
    int actions = 0;
    if (overlayOption != null && !overlayOption.isBlank()) {
      Path overlay = shown(overlayOption);
      if (Files.exists(overlay)) {
        actions =
            Overlay.apply(Documents.read(overlay), overlay.toString(), tree, document.toString());
      }
    }
    ClientOperations client = ClientOperations.read(operations);
    Map<String, Object> slice = Slicer.slice(tree, document.toString(), client);
    Documents.writeJson(slice, out.resolve("openapi.json"));
    Map<String, Object> surface = Surface.of(slice);
    String sha = Documents.sha256(document);

    Surface.Changes changes;
    Map<?, ?> accepted = null;
    if (Files.exists(surfaceFile)) {
      accepted = (Map<?, ?>) Documents.read(surfaceFile);
      changes = Surface.compare(accepted, surface, client.reads());
    } else {
      changes = new Surface.Changes();
      changes.note(
          "no accepted surface yet (" + surfaceFile + "): every operation and schema is new");
    }
    String report = report(document, sha, accepted, client, slice, actions, changes, surfaceFile);
    try {
      Files.createDirectories(out);
      Files.writeString(out.resolve("changes.md"), report, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SpecException("cannot write " + out.resolve("changes.md") + ": " + e.getMessage());
    }
    String counts =
        count(slice, "schemas") + " schemas, " + client.operations().size() + " operations";
    if (!changes.breaking.isEmpty() && !accept) {
      log.print(report);
      throw new SpecException(
          document
              + " changes what the client relies on ("
              + changes.breaking.size()
              + " breaking: "
              + String.join("; ", changes.breaking)
              + "). The whole report: "
              + out.resolve("changes.md")
              + ". To take the document anyway, rebuild with -Dcancelkit.spec.accept=true: the build"
              + " then compiles and tests the client against it, and what fails says what to change;"
              + " commit the document with its surface.json once the tests pass");
    }
    if (accept) {
      if (!changes.isEmpty()) {
        log.print(report);
      }
      Map<String, Object> lock = new LinkedHashMap<>();
      lock.put("document", document.getFileName().toString());
      lock.put("sha256", sha);
      lock.putAll(surface);
      Documents.writeJson(lock, surfaceFile);
      log.println(
          "[spec] "
              + document
              + ": accepted ("
              + counts
              + "); "
              + surfaceFile
              + " now describes it: commit it with the document");
    } else if (changes.isEmpty()) {
      log.println(
          "[spec] "
              + document
              + ": "
              + counts
              + "; no change since the accepted document ("
              + surfaceFile
              + ")");
    } else {
      log.print(report);
      log.println(
          "[spec] WARNING "
              + document
              + " differs from the accepted document in "
              + changes.notes.size()
              + (changes.notes.size() == 1 ? " way" : " ways")
              + " the client survives (above, and in "
              + out.resolve("changes.md")
              + "). Once you have read them and the tests pass, accept the document: rebuild with"
              + " -Dcancelkit.spec.accept=true");
    }
    return new Prepared(slice, changes, report);
  }

  private static int count(Map<String, Object> slice, String section) {
    return slice.get("components") instanceof Map<?, ?> c && c.get(section) instanceof Map<?, ?> s
        ? s.size()
        : 0;
  }

  private static String report(
      Path document,
      String sha,
      Map<?, ?> accepted,
      ClientOperations client,
      Map<String, Object> slice,
      int actions,
      Surface.Changes changes,
      Path surfaceFile) {
    StringBuilder r = new StringBuilder();
    r.append("# ").append(document).append(": what changed for the client\n\n");
    r.append("- document sha256 ").append(sha).append('\n');
    r.append("- compared with ")
        .append(surfaceFile)
        .append(accepted == null ? " (none yet)" : " (sha256 " + accepted.get("sha256") + ")")
        .append('\n');
    r.append("- overlay actions applied: ").append(actions).append('\n');
    r.append("- kept: ")
        .append(client.operations().size())
        .append(" operations (")
        .append(client.file())
        .append("), ")
        .append(count(slice, "schemas"))
        .append(" schemas they reach\n\n");
    if (changes.isEmpty()) {
      r.append("No change in the operations the client calls or the schemas they reach.\n");
      return r.toString();
    }
    if (!changes.breaking.isEmpty()) {
      r.append("## Breaking: the build stops\n\n");
      changes.breaking.forEach(b -> r.append("- ").append(b).append('\n'));
      r.append('\n');
    }
    if (!changes.notes.isEmpty()) {
      r.append("## Changes the client survives\n\n");
      changes.notes.forEach(n -> r.append("- ").append(n).append('\n'));
    }
    return r.toString();
  }

  static void checkGenerated(Map<String, String> options) {
    ClientOperations client = ClientOperations.read(shown(required(options, "operations")));
    Path api = shown(required(options, "api"));
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.exists(api) ? Files.list(api) : Stream.empty()) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        if (f.toString().endsWith(".java")) {
          all.append(Files.readString(f, StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new SpecException("cannot read " + api + ": " + e.getMessage());
    }
    List<String> problems = new ArrayList<>();
    for (ClientOperations.Operation op : client.operations()) {
      String annotation = "@" + op.method() + "(\"" + op.path().substring(1) + "\")";
      if (!all.toString().contains(annotation)) {
        problems.add("no generated interface has " + annotation + " for " + op.key());
      } else if (!all.toString().contains(" " + op.javaMethod() + "(")) {
        java.util.regex.Matcher now =
            java.util.regex.Pattern.compile(
                    java.util.regex.Pattern.quote(annotation) + "\\s+Call<.*?>\\s+(\\w+)\\(",
                    java.util.regex.Pattern.DOTALL)
                .matcher(all);
        problems.add(
            op.key()
                + " no longer generates the method "
                + op.javaMethod()
                + "(...) that the client calls"
                + (now.find() ? " (it generates " + now.group(1) + " now)" : "")
                + ": its operationId (or tag) changed. Call the new method in"
                + " the client and name it in "
                + client.file()
                + ", or keep the old name with an overlay action that sets the operationId");
      }
    }
    if (!problems.isEmpty()) {
      throw new SpecException(String.join("; ", problems));
    }
    log.println("[spec] " + api + ": every operation of " + client.file() + " generated");
  }
}
