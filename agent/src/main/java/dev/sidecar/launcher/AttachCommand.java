package dev.sidecar.launcher;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code attach PID [-Dkey=value ...] [--config-file FILE]}: starts Sidecar in a running JVM. */
final class AttachCommand {
  private AttachCommand() {}

  static int run(List<String> args, PrintStream out) throws CommandException {
    long pid = CliArguments.pid(args, "attach");
    Map<String, String> request = new LinkedHashMap<>();
    request.put("command", "attach");
    request.putAll(CliArguments.attachSettings(args.subList(1, args.size())));
    return Replies.print(pid, TargetJvm.send(pid, request), out);
  }
}
