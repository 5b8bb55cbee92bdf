package dev.sidecar.benchmarks.wholeprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarFile;

/** The facts a reader needs to compare runs: JDK, CPUs, CPU model, clock ticks, agent versions. */
final class Machine {
  private Machine() {}

  /** The {@code java -version} of the JDK that runs the apps, on one line. */
  static String jdk(Path java) {
    String output = Commands.tryRun(List.of(java.toString(), "-version"), Duration.ofSeconds(30));
    if (output == null) {
      throw new BenchmarkException("cannot run " + java + " -version");
    }
    List<String> lines = output.strip().lines().toList();
    String runtime = lines.stream().filter(l -> l.contains("Runtime Environment")).findFirst().orElse("");
    return (lines.get(0) + (runtime.isEmpty() ? "" : ", " + runtime)).trim();
  }

  static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** {@code getconf CLK_TCK}: the unit of {@code /proc/<pid>/stat}'s CPU times; 100 on practically every Linux. */
  static long clockTicksPerSecond() {
    String ticks = Commands.tryRun(List.of("getconf", "CLK_TCK"), Duration.ofSeconds(10));
    try {
      return ticks == null ? 100 : Long.parseLong(ticks.trim());
    } catch (NumberFormatException e) {
      return 100;
    }
  }

  /** The {@code Implementation-Version} of a jar's manifest, or "?". */
  static String jarVersion(Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      String version = file.getManifest() == null ? null
          : file.getManifest().getMainAttributes().getValue("Implementation-Version");
      return version == null ? "?" : version;
    } catch (IOException e) {
      return "?";
    }
  }
}
