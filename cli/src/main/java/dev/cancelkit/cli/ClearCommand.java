package dev.cancelkit.cli;

import dev.cancelkit.common.CancelKitException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "clear",
    description =
        "Cancel every pending request queued for the model (POST /queue/clear); running ones are"
            + " left alone. Prints how many were cancelled.")
final class ClearCommand extends JobCommand implements Callable<Integer> {
  @ParentCommand ProviderCommands.TogetherQueue queue;

  @Override
  public Integer call() {
    Output out = root().output();
    String what = "together queue clear";
    try {
      long cleared = root().session().together().queue(queue.model).clear();
      if (out.json) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("operation", what);
        o.put("model", queue.model);
        o.put("canceledCount", cleared);
        out.json(o);
      } else {
        out.line(
            what
                + " "
                + queue.model
                + ": "
                + cleared
                + (cleared == 1 ? " pending request" : " pending requests")
                + " cancelled");
      }
      return ExitCodes.OK;
    } catch (CancelKitException e) {
      out.failure(what, queue.model, e);
      return ExitCodes.of(e);
    }
  }
}
