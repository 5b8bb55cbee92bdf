package dev.sidecar.launcher;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** {@code status PID [--json]}: the health of the Sidecar in a JVM, as {@code key: value} lines or one JSON object. */
final class StatusCommand {
  private StatusCommand() {}

  static int run(List<String> args, PrintStream out) throws CommandException {
    long pid = CliArguments.pid(args, "status");
    boolean json = CliArguments.flag(args.subList(1, args.size()), "--json");
    Map<String, String> reply = TargetJvm.send(pid, Map.of("command", "status"));
    if (!TargetJvm.ok(reply)) {
      throw CommandException.failed("pid " + pid + ": " + reply.getOrDefault("message", ""));
    }
    reply.remove("ok");
    reply.remove("message");
    if (json) {
      out.println(Json.object(pid, reply));
    } else {
      out.println("pid: " + pid);
      reply.forEach((key, value) -> out.println(key + ": " + value));
    }
    return 0;
  }
}
