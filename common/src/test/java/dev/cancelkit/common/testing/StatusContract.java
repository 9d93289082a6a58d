package dev.cancelkit.common.testing;

import dev.cancelkit.common.internal.job.StatusTable;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The checks every provider's status tables pass, the same for each: a provider's test implements
 * this with its own document, tables and generated enums, and JUnit runs the checks as its tests.
 *
 * <ul>
 *   <li>every status its document lists has a meaning after a cancel and after a read (so a status
 *       that the provider documents can never read as UNKNOWN);
 *   <li>the README's two state tables say exactly what the tables do.
 * </ul>
 */
public interface StatusContract {
  /**
   * One table held to one document.
   *
   * @param readmeRow the row of the README's state tables (such as {@code Together batch}), or null
   *     when the table has no row of its own (a second enum read by the same table)
   * @param document the document the statuses come from, for the failure's message
   * @param statuses every status the document lists for this kind
   * @param table the provider's table for the kind
   */
  record Kind(String readmeRow, String document, List<String> statuses, StatusTable table) {}

  /** The provider's kinds, each with its document, statuses and table. */
  List<Kind> statusKinds();

  /** The values of a generated enum, without the generator's catch-all for unknown values. */
  static <E extends Enum<E>> List<String> documented(
      Function<E, String> value, E unknown, E[] all) {
    return Arrays.stream(all).filter(v -> v != unknown).map(value).toList();
  }

  @Test
  default void everyStatusOfTheDocumentHasACancelAndAReadState() {
    for (Kind kind : statusKinds()) {
      kind.table().requireCovers(kind.statuses(), kind.document());
    }
  }

  @Test
  default void theReadmeStateTablesSayWhatTheStatusTablesDo() throws Exception {
    for (Kind kind : statusKinds()) {
      if (kind.readmeRow() != null) {
        ReadmeStateTables.checkReads(kind.readmeRow(), kind.table());
        ReadmeStateTables.checkCancels(kind.readmeRow(), kind.table());
      }
    }
  }
}
