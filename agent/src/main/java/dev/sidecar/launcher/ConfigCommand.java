package dev.sidecar.launcher;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code config PID key=value ...}: changes settings of the running Sidecar. */
final class ConfigCommand {
  private ConfigCommand() {}

  static int run(List<String> args, PrintStream out) throws CommandException {
    long pid = CliArguments.pid(args, "config");
    Map<String, String> request = new LinkedHashMap<>();
    request.put("command", "config");
    request.putAll(CliArguments.settings(args.subList(1, args.size())));
    return Replies.print(pid, TargetJvm.send(pid, request), out);
  }
}
