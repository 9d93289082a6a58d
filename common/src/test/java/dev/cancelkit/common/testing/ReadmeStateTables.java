package dev.cancelkit.common.testing;

import dev.cancelkit.common.CancelState;
import dev.cancelkit.common.JobState;
import dev.cancelkit.common.internal.job.StatusTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's two state tables (what a read says, and what a cancel's answer means), checked
 * against a provider's {@link StatusTable}: a row that says anything else than the table fails the
 * provider's build, so the README cannot drift from the code.
 */
public final class ReadmeStateTables {
  private ReadmeStateTables() {}

  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  /** The README at the repository's root, seen from a module's folder. */
  public static Path readme() {
    return Path.of("..", "README.md");
  }

  /**
   * Fails unless the README's read table row {@code row} (such as {@code Together batch}) lists,
   * under ACTIVE, CANCELLING, CANCELLED and FINISHED, exactly the statuses {@code table} reads so.
   */
  public static void checkReads(String row, StatusTable table) throws IOException {
    List<String> cells = row(row, "| provider | ACTIVE | CANCELLING | CANCELLED | FINISHED |");
    JobState[] states = {
      JobState.ACTIVE, JobState.CANCELLING, JobState.CANCELLED, JobState.FINISHED
    };
    for (int i = 0; i < states.length; i++) {
      same(row, states[i].name(), cells.get(i), table.readStatuses(states[i]), table);
    }
  }

  /**
   * Fails unless the README's cancel table row {@code row} lists, under CANCELLED, CANCELLING and
   * NOT_CANCELLABLE, exactly the statuses {@code table} gives those meanings.
   */
  public static void checkCancels(String row, StatusTable table) throws IOException {
    List<String> cells = row(row, "| provider | CANCELLED | CANCELLING | NOT_CANCELLABLE |");
    CancelState[] states = {
      CancelState.CANCELLED, CancelState.CANCELLING, CancelState.NOT_CANCELLABLE
    };
    for (int i = 0; i < states.length; i++) {
      same(row, states[i].name(), cells.get(i), table.cancelStatuses(states[i]), table);
    }
  }

  private static void same(
      String row, String column, String cell, List<String> code, StatusTable table) {
    TreeSet<String> written = new TreeSet<>();
    Matcher m = CODE.matcher(cell);
    while (m.find()) {
      written.add(m.group(1));
    }
    TreeSet<String> mapped = new TreeSet<>(code);
    if (!written.equals(mapped)) {
      throw new AssertionError(
          "README.md's row '"
              + row
              + "', column "
              + column
              + ", lists "
              + written
              + ", but "
              + table
              + " maps "
              + mapped
              + " there: make the README say what the code does (or fix the code)");
    }
  }

  /** The cells after the first of the row named {@code name} in the table under {@code header}. */
  private static List<String> row(String name, String header) throws IOException {
    List<String> lines = Files.readAllLines(readme());
    int at = lines.indexOf(header);
    if (at < 0) {
      throw new AssertionError("README.md has no table " + header);
    }
    for (int i = at + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      String[] cells = lines.get(i).split("\\|", -1);
      if (cells[1].strip().equals(name)) {
        List<String> out = new ArrayList<>();
        for (int c = 2; c < cells.length - 1; c++) {
          out.add(cells[c]);
        }
        return out;
      }
    }
    throw new AssertionError("README.md's table " + header + " has no row " + name);
  }
}
