package dev.sidecar.instrumentation.executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A million traced tasks through one long-lived pool leave the heap where it was. */
class BoundedHeapTest {
  private static final long HEAP_LIMIT_MB = 48;
  // A hand-over is about 80 bytes: a million kept would take some 80 MB, past the whole heap.
  private static final long ALLOWED_GROWTH_BYTES = 2L << 20;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aMillionTasksLeaveTheHeapWhereItWas() throws Exception {
    Path output = Files.createTempFile("million-tasks", ".txt");
    try {
      Process app = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx" + HEAP_LIMIT_MB + "m", agentArgument(),
          "-Dotel.traces.exporter=none", "-Dotel.logs.exporter=none",
          "-cp", new File(MillionTasksApp.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath(),
          MillionTasksApp.class.getName())
          .redirectErrorStream(true)
          .redirectOutput(output.toFile())
          .start();
      assertTrue(app.waitFor(150, TimeUnit.SECONDS), "the app finished");
      String printed = Files.readString(output, StandardCharsets.UTF_8);
      assertEquals(0, app.exitValue(), printed);

      Map<String, Long> figures = figures(printed);
      assertEquals(1_100_000L, figures.get("tasks-in-span"), "every task ran in its request's span");
      assertEquals(0L, figures.get("pending"), "no hand-over is left once its task ran");
      long growth = figures.get("heap-after") - figures.get("heap-before");
      assertTrue(growth < ALLOWED_GROWTH_BYTES, "the heap grew by " + growth + " bytes: " + printed);
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static String agentArgument() {
    List<String> arguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
    return arguments.stream().filter(a -> a.startsWith("-javaagent:")).findFirst()
        .orElseThrow(() -> new IllegalStateException("this test runs with the agent: " + arguments));
  }

  private static Map<String, Long> figures(String printed) {
    String line = printed.lines().filter(l -> l.startsWith("tasks-in-span=")).findFirst()
        .orElseThrow(() -> new AssertionError("no figures in: " + printed));
    Map<String, Long> figures = new HashMap<>();
    for (String pair : line.split(" ")) {
      String[] keyValue = pair.split("=", 2);
      figures.put(keyValue[0], Long.parseLong(keyValue[1]));
    }
    return figures;
  }
}
