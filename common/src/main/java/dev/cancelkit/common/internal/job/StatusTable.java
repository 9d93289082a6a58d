package dev.cancelkit.common.internal.job;

import dev.cancelkit.common.CancelState;
import dev.cancelkit.common.JobState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A provider's status strings and what each one means, compared case-insensitively: for a cancel (a
 * {@link CancelState}) and for a read (a {@link JobState}). Every status a table knows has both
 * meanings; a status it does not know is UNKNOWN in both.
 */
public final class StatusTable {
  private final String name;
  private final Map<String, CancelState> cancels;
  private final Map<String, JobState> reads;
  private final Map<String, String> spellings;

  private StatusTable(Builder b) {
    this.name = b.name;
    this.cancels = Map.copyOf(b.cancels);
    this.reads = Map.copyOf(b.reads);
    this.spellings = Map.copyOf(b.spellings);
    Set<String> onlyOne = new TreeSet<>(cancels.keySet());
    onlyOne.addAll(reads.keySet());
    onlyOne.removeIf(s -> cancels.containsKey(s) && reads.containsKey(s));
    if (!onlyOne.isEmpty()) {
      throw new IllegalArgumentException(
          name + " gives these statuses a cancel or a read meaning, not both: " + onlyOne);
    }
  }

  /**
   * Starts an empty table; {@code name} names it in messages, such as {@code TogetherStates.BATCH}.
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** What a status means for a cancel; UNKNOWN for null and for any status not in the table. */
  public CancelState stateOf(String providerStatus) {
    return providerStatus == null
        ? CancelState.UNKNOWN
        : cancels.getOrDefault(providerStatus.toLowerCase(Locale.ROOT), CancelState.UNKNOWN);
  }

  /** What a status means for a read; UNKNOWN for null and for any status not in the table. */
  public JobState readStateOf(String providerStatus) {
    return providerStatus == null
        ? JobState.UNKNOWN
        : reads.getOrDefault(providerStatus.toLowerCase(Locale.ROOT), JobState.UNKNOWN);
  }

  /**
   * Whether a status says the job is still running (so, after an accepted cancel, it is still
   * winding down).
   */
  public boolean isRunning(String providerStatus) {
    return readStateOf(providerStatus) == JobState.ACTIVE;
  }

  /** The statuses a read maps to {@code state}, spelled as the provider spells them, sorted. */
  public List<String> readStatuses(JobState state) {
    Set<String> out = new TreeSet<>();
    reads.forEach(
        (status, s) -> {
          if (s == state) {
            out.add(spellings.get(status));
          }
        });
    return List.copyOf(out);
  }

  /** The statuses a cancel maps to {@code state}, spelled as the provider spells them, sorted. */
  public List<String> cancelStatuses(CancelState state) {
    Set<String> out = new TreeSet<>();
    cancels.forEach(
        (status, s) -> {
          if (s == state) {
            out.add(spellings.get(status));
          }
        });
    return List.copyOf(out);
  }

  /**
   * Checks that the table gives a meaning to every status a provider's document lists.
   *
   * @param specStatuses the values of the status enum in the provider's OpenAPI document
   * @param specFile the document, as its path in the repository
   * @throws IllegalStateException naming each missing status, the document and this table
   */
  public void requireCovers(Collection<String> specStatuses, String specFile) {
    List<String> missing = new ArrayList<>();
    for (String status : specStatuses) {
      String s = status.toLowerCase(Locale.ROOT);
      if (!cancels.containsKey(s) || !reads.containsKey(s)) {
        missing.add(status);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          specFile
              + " lists the status "
              + String.join(", ", missing)
              + ", which "
              + name
              + " does not map: give "
              + (missing.size() == 1 ? "it" : "each")
              + " a cancel state and a read state there (or declare it unknown), then rebuild");
    }
  }

  @Override
  public String toString() {
    return name;
  }

  /** Collects the statuses of each state. */
  public static final class Builder {
    private final String name;
    private final Map<String, CancelState> cancels = new HashMap<>();
    private final Map<String, JobState> reads = new HashMap<>();
    private final Map<String, String> spellings = new HashMap<>();

    private Builder(String name) {
      this.name = name;
    }

    public Builder cancelled(String... statuses) {
      return cancel(CancelState.CANCELLED, statuses);
    }

    public Builder cancelling(String... statuses) {
      return cancel(CancelState.CANCELLING, statuses);
    }

    public Builder notCancellable(String... statuses) {
      return cancel(CancelState.NOT_CANCELLABLE, statuses);
    }

    /** What the statuses mean for a read. */
    public Builder read(JobState state, String... statuses) {
      for (String status : statuses) {
        put(reads, status, state);
      }
      return this;
    }

    /** The read meanings of another table (a stop reads jobs as a cancel does). */
    public Builder readsOf(StatusTable other) {
      other.reads.forEach((status, state) -> put(reads, other.spellings.get(status), state));
      return this;
    }

    /**
     * Statuses a provider documents without a meaning (Archetype's {@code UNKNOWN}): UNKNOWN for a
     * cancel and for a read, on purpose.
     */
    public Builder unknown(String... statuses) {
      cancel(CancelState.UNKNOWN, statuses);
      return read(JobState.UNKNOWN, statuses);
    }

    private Builder cancel(CancelState state, String... statuses) {
      for (String status : statuses) {
        put(cancels, status, state);
      }
      return this;
    }

    private <S> void put(Map<String, S> map, String status, S state) {
      spellings.putIfAbsent(status.toLowerCase(Locale.ROOT), status);
      S previous = map.put(status.toLowerCase(Locale.ROOT), state);
      if (previous != null && previous != state) {
        throw new IllegalArgumentException(
            name + ": " + status + " is both " + previous + " and " + state);
      }
    }

    public StatusTable build() {
      return new StatusTable(this);
    }
  }
}
