package dev.sidecar.launcher;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** The command line: picks the command, and turns any failure into one line and an exit code. */
final class Commands {
  private Commands() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    String command = args.length == 0 ? "--help" : args[0];
    List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
    try {
      switch (command) {
        case "--version":
        case "version":
          out.println("sidecar " + AgentLauncher.version());
          return 0;
        case "--help":
        case "-h":
        case "help":
          out.println(usage());
          return 0;
        case "list":
          requireAttachModule();
          return ListCommand.run(rest, out);
        case "attach":
          requireAttachModule();
          return AttachCommand.run(rest, out);
        case "status":
          requireAttachModule();
          return StatusCommand.run(rest, out);
        case "config":
          requireAttachModule();
          return ConfigCommand.run(rest, out);
        case "detach":
          requireAttachModule();
          return DetachCommand.run(rest, out);
        default:
          throw CommandException.usage("unknown command '" + command + "'");
      }
    } catch (CommandException e) {
      err.println("sidecar: " + e.getMessage());
      return e.exitCode();
    }
  }

  /** Checked before any class that uses the attach API is loaded, so a JRE gets a clear line, not a stack trace. */
  private static void requireAttachModule() throws CommandException {
    if (ModuleLayer.boot().findModule("jdk.attach").isEmpty()) {
      throw CommandException.failed("this Java runtime (" + System.getProperty("java.home")
          + ") has no jdk.attach module; run the command with the java of a full JDK");
    }
  }

  private static String usage() {
    return String.join(System.lineSeparator(),
        "Sidecar " + AgentLauncher.version() + ": traces HTTP and logs of a Java application and exports them over OTLP.",
        "",
        "Usage:",
        "  java -javaagent:sidecar-agent.jar -Dotel.service.name=NAME -jar app.jar",
        "  java -jar sidecar-agent.jar list                       JVMs you can attach to, and their Sidecar",
        "  java -jar sidecar-agent.jar attach PID [-Dkey=value ...] [--config-file FILE]",
        "                                                         start Sidecar in a running JVM",
        "  java -jar sidecar-agent.jar status PID [--json]        health: spans, log records, exports, errors",
        "  java -jar sidecar-agent.jar config PID key=value ...   change the sampler, log severity or",
        "                                                         otel.instrumentation.NAME.enabled at runtime",
        "  java -jar sidecar-agent.jar detach PID                 flush, stop and remove Sidecar from the JVM",
        "  java -jar sidecar-agent.jar --version",
        "  java -jar sidecar-agent.jar --help",
        "",
        "Configure with system properties (otel.*) or OTEL_* environment variables;",
        "see the README for the full list.");
  }
}
