package dev.cancelkit.common.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Holds {@code common}'s internal rooms to their floors (ARCHITECTURE.md draws them): a room
 * imports only rooms below it, and a file over 400 lines says in its header why it is one idea.
 */
class InternalFloorsTest {
  /** Lowest first. */
  static final List<String> FLOORS =
      List.of("text", "client", "attempt", "answer", "runtime", "bulk", "job");

  private static final Path INTERNAL = Path.of("src/main/java/dev/cancelkit/common/internal");
  private static final Pattern USE =
      Pattern.compile("dev\\.cancelkit\\.common\\.internal\\.([a-z]+)\\.");

  @Test
  void everyRoomIsAFloorAndHoldsCode() throws IOException {
    List<String> rooms = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(INTERNAL)) {
      dirs.filter(Files::isDirectory).forEach(d -> rooms.add(d.getFileName().toString()));
    }
    rooms.sort(null);
    List<String> floors = new ArrayList<>(FLOORS);
    floors.sort(null);
    assertEquals(floors, rooms);
    try (Stream<Path> files = Files.list(INTERNAL)) {
      assertEquals(
          List.of(),
          files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).toList(),
          "every class of internal lives in a room");
    }
  }

  @Test
  void noRoomReachesUp() throws IOException {
    List<String> upward = new ArrayList<>();
    for (String room : FLOORS) {
      int floor = FLOORS.indexOf(room);
      for (Path file : javaFiles(INTERNAL.resolve(room))) {
        Matcher m = USE.matcher(Files.readString(file));
        while (m.find()) {
          int used = FLOORS.indexOf(m.group(1));
          if (used > floor) {
            upward.add(room + "/" + file.getFileName() + " -> " + m.group(1));
          }
        }
      }
    }
    assertEquals(
        List.of(), upward, "a room may import only rooms below it (lowest first: " + FLOORS + ")");
  }

  @Test
  void aLongFileSaysWhyItIsOneIdea() throws IOException {
    List<String> long_ = new ArrayList<>();
    for (Path file : javaFiles(INTERNAL)) {
      String text = Files.readString(file);
      long lines = text.lines().count();
      if (lines > 400 && !text.contains("One idea:")) {
        long_.add(INTERNAL.relativize(file) + " (" + lines + " lines)");
      }
    }
    assertEquals(List.of(), long_, "over 400 lines without 'One idea:' in the header");
  }

  private static List<Path> javaFiles(Path dir) throws IOException {
    assertTrue(Files.isDirectory(dir), dir + " (run from the module's directory)");
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    }
  }
}
