package dev.cancelkit.spectools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a hand-written client uses of its document, named once in {@code operations.txt} beside the
 * document: each operation by method and path with the Java method the generator makes of it, and
 * the fields the client itself reads.
 *
 * <pre>
 * # comments and blank lines are ignored
 * POST /batches/{id}/cancel  batchesIdCancelPost
 * reads BatchJob.id BatchJob.status BatchJob.created_at
 * </pre>
 */
record ClientOperations(String file, List<Operation> operations, Set<String> reads) {
  /** One operation: {@code POST}, {@code /batches/{id}/cancel}, {@code batchesIdCancelPost}. */
  record Operation(String method, String path, String javaMethod) {
    /** {@code POST /batches/{id}/cancel}. */
    String key() {
      return method + " " + path;
    }
  }

  private static final Set<String> METHODS =
      Set.of("GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE");

  static ClientOperations read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SpecException("cannot read " + file + ": " + e.getMessage());
    }
    List<Operation> operations = new ArrayList<>();
    Set<String> reads = new LinkedHashSet<>();
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).replaceFirst("#.*", "").strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] words = line.split("\\s+");
      String where = file + " line " + (i + 1);
      if (words[0].equals("reads")) {
        for (int w = 1; w < words.length; w++) {
          if (!words[w].matches("[^.\\s]+(\\.[^.\\s]+)+")) {
            throw new SpecException(where + ": '" + words[w] + "' is not Schema.field");
          }
          reads.add(words[w]);
        }
        continue;
      }
      String method = words[0].toUpperCase(Locale.ROOT);
      if (words.length != 3 || !METHODS.contains(method) || !words[1].startsWith("/")) {
        throw new SpecException(
            where
                + ": '"
                + line
                + "' is neither METHOD /path javaMethod (POST /batches/{id}/cancel"
                + " batchesIdCancelPost) nor reads Schema.field ...");
      }
      Operation op = new Operation(method, words[1], words[2]);
      if (!seen.add(op.key())) {
        throw new SpecException(where + ": " + op.key() + " is named twice");
      }
      operations.add(op);
    }
    if (operations.isEmpty()) {
      throw new SpecException(file + " names no operation");
    }
    return new ClientOperations(file.toString(), List.copyOf(operations), Set.copyOf(reads));
  }
}
