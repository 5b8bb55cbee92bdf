package dev.sidecar.launcher;

import java.io.PrintStream;
import java.util.Map;

/** Shows a sidecar's answer: its message on stdout when it succeeded, else as the failure line. */
final class Replies {
  private Replies() {}

  static int print(long pid, Map<String, String> reply, PrintStream out) throws CommandException {
    String message = reply.getOrDefault("message", "");
    if (!TargetJvm.ok(reply)) {
      throw CommandException.failed("pid " + pid + ": " + message);
    }
    out.println("pid " + pid + ": " + message);
    return 0;
  }
}
