package dev.cancelkit.cli;

import dev.cancelkit.common.CancelKitException;
import dev.cancelkit.common.CancelOutcome;
import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.NotFoundException;
import java.util.List;

/** What the command line's exit status says. */
final class ExitCodes {
  /** The job is cancelled or cancelling (for many: every job). */
  static final int OK = 0;

  /** Anything else: a failed call, an undocumented status. */
  static final int FAILED = 1;

  /** A usage error: a bad option or id, or no API key; nothing was sent. */
  static final int USAGE = 2;

  /** The job had already finished or cannot be stopped. */
  static final int NOT_CANCELLABLE = 3;

  /** No such job. */
  static final int NOT_FOUND = 4;

  /** The help text's table of them. */
  static final String HELP =
      "%nExit status:%n"
          + "  0  cancelled or cancelling (with --ids-file or cancel-all: every job);%n"
          + "     status, jobs: the read succeeded; a dry run%n"
          + "  1  anything else: a failed call, an undocumented status, a failed listing,%n"
          + "     an invalid line of --ids-file skipped%n"
          + "  2  usage error, including a bad id or a missing API key; nothing was sent%n"
          + "  3  not cancellable: the job had already finished or cannot be stopped%n"
          + "  4  not found%n"
          + "  130, 143  interrupted by Ctrl-C (SIGINT), SIGTERM: the record of what was done is%n"
          + "     printed (unsent and unknown ids named); --journal FILE resumes%n"
          + "With many jobs the worst wins: 1, then 4, then 3.%n";

  private ExitCodes() {}

  static int of(CancelResult<?> result) {
    switch (result.state()) {
      case CANCELLED:
      case CANCELLING:
        return OK;
      case NOT_CANCELLABLE:
        return NOT_CANCELLABLE;
      default:
        return FAILED;
    }
  }

  static int of(CancelKitException e) {
    return e instanceof NotFoundException ? NOT_FOUND : FAILED;
  }

  /** For many ids, the worst: a failure, then not found, then not cancellable. */
  static int of(List<? extends CancelOutcome<?>> outcomes) {
    int worst = OK;
    for (CancelOutcome<?> o : outcomes) {
      int code = o.result().map(ExitCodes::of).orElseGet(() -> of(o.error().orElseThrow()));
      worst = worst(worst, code);
    }
    return worst;
  }

  /** The worse of two exit statuses: a failure, then not found, then not cancellable. */
  static int worst(int a, int b) {
    return rank(b) > rank(a) ? b : a;
  }

  private static int rank(int code) {
    switch (code) {
      case FAILED:
        return 3;
      case NOT_FOUND:
        return 2;
      case NOT_CANCELLABLE:
        return 1;
      default:
        return 0;
    }
  }
}
