package dev.cancelkit.common.internal;

import dev.cancelkit.common.CancelState;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A provider's status strings and the state each one means, compared case-insensitively. */
public final class StatusTable {
  private final Map<String, CancelState> states;
  private final Set<String> running;

  private StatusTable(Map<String, CancelState> states, Set<String> running) {
    this.states = Map.copyOf(states);
    this.running = Set.copyOf(running);
  }

  /** Starts an empty table. */
  public static Builder builder() {
    return new Builder();
  }

  /** The state a status means; UNKNOWN for null and for any status not in the table. */
  public CancelState stateOf(String providerStatus) {
    if (providerStatus == null) {
      return CancelState.UNKNOWN;
    }
    return states.getOrDefault(providerStatus.toLowerCase(Locale.ROOT), CancelState.UNKNOWN);
  }

  /**
   * Whether a status says the job is still running (so, after an accepted cancel, it is still
   * winding down).
   */
  public boolean isRunning(String providerStatus) {
    return providerStatus != null && running.contains(providerStatus.toLowerCase(Locale.ROOT));
  }

  /** Collects the statuses of each state. */
  public static final class Builder {
    private final Map<String, CancelState> states = new HashMap<>();
    private final Set<String> running = new HashSet<>();

    private Builder() {}

    /**
     * Statuses that mean the job is still running, whatever state they map to: while waiting after
     * an accepted cancel they count as CANCELLING.
     */
    public Builder running(String... statuses) {
      for (String status : statuses) {
        running.add(status.toLowerCase(Locale.ROOT));
      }
      return this;
    }

    public Builder cancelled(String... statuses) {
      return put(CancelState.CANCELLED, statuses);
    }

    public Builder cancelling(String... statuses) {
      return put(CancelState.CANCELLING, statuses);
    }

    public Builder notCancellable(String... statuses) {
      return put(CancelState.NOT_CANCELLABLE, statuses);
    }

    private Builder put(CancelState state, String... statuses) {
      for (String status : statuses) {
        CancelState previous = states.put(status.toLowerCase(Locale.ROOT), state);
        if (previous != null && previous != state) {
          throw new IllegalArgumentException(status + " is both " + previous + " and " + state);
        }
      }
      return this;
    }

    public StatusTable build() {
      return new StatusTable(states, running);
    }
  }
}
