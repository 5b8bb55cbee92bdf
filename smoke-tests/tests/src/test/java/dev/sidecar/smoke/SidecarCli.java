package dev.sidecar.smoke;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs {@code java -jar sidecar-agent.jar COMMAND ...} on a JDK and reads what it printed. */
final class SidecarCli {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private SidecarCli() {}

  static AppProcess.Result run(JavaHome jdk, Object... args) {
    List<String> strings = new ArrayList<>();
    for (Object arg : args) {
      strings.add(String.valueOf(arg));
    }
    return AppProcess.builder("sidecar " + String.join(" ", strings), jdk)
        .jar(Artifacts.agentJar(), strings.toArray(new String[0]))
        .run(TIMEOUT);
  }

  /** The {@code key: value} lines of {@code status PID}, in order; fails if the command failed. */
  static Map<String, String> status(JavaHome jdk, long pid) {
    AppProcess.Result result = run(jdk, "status", pid);
    if (result.exitCode() != 0) {
      throw new AssertionError("status failed" + result.output());
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : result.stdout()) {
      int colon = line.indexOf(": ");
      fields.put(colon < 0 ? line.replace(":", "") : line.substring(0, colon), colon < 0 ? "" : line.substring(colon + 2));
    }
    return fields;
  }

  static long number(Map<String, String> status, String key) {
    String value = status.get(key);
    if (value == null) {
      throw new AssertionError("no " + key + " in status " + status);
    }
    return Long.parseLong(value);
  }
}
