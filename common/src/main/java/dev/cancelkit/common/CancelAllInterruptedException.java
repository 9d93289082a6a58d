package dev.cancelkit.common;

import java.util.List;

/**
 * The thread running {@link Cancellable#cancelAll} was interrupted. No request started after the
 * interrupt and the calls in flight were aborted; this says what is known of every id: {@link
 * #outcomes()} finished before, {@link #unsent()} were never sent, {@link #unknown()} were sent but
 * their answer was not read, so the provider may or may not have acted on them. The three lists
 * cover every distinct id once. The thread's interrupt flag is set again.
 */
public final class CancelAllInterruptedException extends CancelKitException {
  private static final long serialVersionUID = 1L;

  private final transient List<CancelOutcome<?>> outcomes;
  private final List<String> unsent;
  private final List<String> unknown;

  public CancelAllInterruptedException(
      List<CancelOutcome<?>> outcomes, List<String> unsent, List<String> unknown) {
    super(
        "interrupted: "
            + outcomes.size()
            + " ids finished, "
            + unsent.size()
            + " never sent, "
            + unknown.size()
            + " sent without an answer (their state is unknown: read them with status)",
        null);
    this.outcomes = List.copyOf(outcomes);
    this.unsent = List.copyOf(unsent);
    this.unknown = List.copyOf(unknown);
  }

  /** The outcome of every id that finished before the interrupt, in the order of the ids. */
  public List<CancelOutcome<?>> outcomes() {
    return outcomes;
  }

  /** The ids never sent. */
  public List<String> unsent() {
    return unsent;
  }

  /** The ids sent whose answer was not read: the provider may or may not have cancelled them. */
  public List<String> unknown() {
    return unknown;
  }
}
