package dev.sidecar.benchmarks.wholeprocess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The JDK's {@code jcmd} and {@code jstat}, and Sidecar's {@code status}, run against an app's JVM. */
final class JvmTools {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern JSON_FIELD = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"\\s*:\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+)");

  private final Path jdkBin;

  JvmTools(Path java) {
    this.jdkBin = java.toAbsolutePath().getParent();
  }

  /** Runs a full GC in the JVM, then returns its heap used (survivors, eden, old), in kB. */
  long heapUsedAfterFullGcKb(long pid) {
    Commands.run(List.of(jdkBin.resolve("jcmd").toString(), Long.toString(pid), "GC.run"), TIMEOUT);
    return heapUsedKb(Commands.run(List.of(jdkBin.resolve("jstat").toString(), "-gc", Long.toString(pid)), TIMEOUT));
  }

  /** Sidecar's counters in that JVM, from {@code java -jar sidecar-agent.jar status PID --json}. */
  Map<String, String> sidecarStatus(Path agentJar, long pid) {
    String json = Commands.run(List.of(jdkBin.resolve("java").toString(), "-jar", agentJar.toString(),
        "status", Long.toString(pid), "--json"), TIMEOUT);
    return flatJson(json);
  }

  /** S0U + S1U + EU + OU of {@code jstat -gc} output (a header line, a value line), in kB. */
  static long heapUsedKb(String jstatOutput) {
    String[] lines = jstatOutput.trim().split("\n");
    if (lines.length < 2) {
      throw new IllegalArgumentException("unexpected jstat output: " + jstatOutput);
    }
    String[] names = lines[0].trim().split("\\s+");
    String[] values = lines[lines.length - 1].trim().split("\\s+");
    double used = 0;
    for (int i = 0; i < names.length && i < values.length; i++) {
      if (List.of("S0U", "S1U", "EU", "OU").contains(names[i])) {
        used += Double.parseDouble(values[i].replace(',', '.'));
      }
    }
    return Math.round(used);
  }

  /** The fields of a flat JSON object whose values are strings or whole numbers. */
  static Map<String, String> flatJson(String json) {
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher field = JSON_FIELD.matcher(json);
    while (field.find()) {
      String value = field.group(2);
      fields.put(unescape(field.group(1)),
          value.startsWith("\"") ? unescape(value.substring(1, value.length() - 1)) : value);
    }
    return fields;
  }

  private static String unescape(String text) {
    return text.replace("\\\"", "\"").replace("\\\\", "\\");
  }
}
