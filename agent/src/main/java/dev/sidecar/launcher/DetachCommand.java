package dev.sidecar.launcher;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** {@code detach PID}: flushes, stops and removes Sidecar; the application runs on. */
final class DetachCommand {
  private DetachCommand() {}

  static int run(List<String> args, PrintStream out) throws CommandException {
    long pid = CliArguments.pid(args, "detach");
    CliArguments.none(args.subList(1, args.size()));
    return Replies.print(pid, TargetJvm.send(pid, Map.of("command", "detach")), out);
  }
}
