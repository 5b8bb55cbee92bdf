package dev.sidecar.benchmarks.wholeprocess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Keeps the load generator off the app's CPU: with {@code taskset} and at least two CPUs, the app
 * JVM runs on CPU 0 and this driver JVM (load generator and OTLP receiver) on the others. An agent's
 * export threads live in the app's JVM and so compete with the app for CPU 0, as they would in
 * production.
 */
record CpuPinning(List<String> appPrefix, List<String> allCpusPrefix, String description) {
  static final int APP_CPU = 0;

  static CpuPinning apply(int cpus) {
    Path taskset = Path.of("/usr/bin/taskset");
    if (!Files.isExecutable(taskset)) {
      taskset = Path.of("/bin/taskset");
    }
    if (!System.getProperty("os.name", "").startsWith("Linux") || !Files.isExecutable(taskset)) {
      return unpinned("no taskset found");
    }
    if (cpus < 2) {
      return unpinned("only " + cpus + " CPU");
    }
    String driverCpus = cpus == 2 ? "1" : "1-" + (cpus - 1);
    // -a: every thread this JVM has; threads it starts later inherit the mask of their creator.
    String result = Commands.tryRun(List.of(taskset.toString(), "-a", "-p", "-c", driverCpus,
        Long.toString(ProcessHandle.current().pid())), Duration.ofSeconds(10));
    if (result == null) {
      return unpinned("taskset could not pin this JVM");
    }
    // A child inherits this JVM's CPU mask: the start-up launch asks for every CPU again.
    return new CpuPinning(List.of(taskset.toString(), "-c", Integer.toString(APP_CPU)),
        List.of(taskset.toString(), "-c", "0-" + (cpus - 1)),
        "under load, app JVM on CPU " + APP_CPU + ", load generator and receiver on CPU " + driverCpus
            + " (taskset); start-up timed in launches of their own on every CPU");
  }

  /** Whether the app JVM runs under load on CPU {@link #APP_CPU} alone. */
  boolean pinned() {
    return !appPrefix.isEmpty();
  }

  private static CpuPinning unpinned(String why) {
    return new CpuPinning(List.of(), List.of(),
        "not pinned (" + why + "): the load generator and receiver share the CPUs with the app");
  }
}
