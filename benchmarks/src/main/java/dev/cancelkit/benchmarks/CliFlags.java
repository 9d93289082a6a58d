package dev.cancelkit.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM flags ./cancelkit starts the command line with, so the benchmark times what a user waits
 * for.
 */
final class CliFlags {
  private CliFlags() {}

  static List<String> forArchive(Path archive) {
    List<String> flags = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    if (Files.exists(archive)) {
      flags.addAll(
          List.of(
              "-XX:SharedArchiveFile=" + archive,
              "-Xshare:auto",
              "-Xlog:cds=off",
              "-Xlog:cds+dynamic=off"));
    }
    return flags;
  }
}
