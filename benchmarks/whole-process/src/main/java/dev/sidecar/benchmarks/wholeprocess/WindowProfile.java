package dev.sidecar.benchmarks.wholeprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import one.profiler.AsyncProfilerLoader;

/**
 * async-profiler on an app JVM ({@code --profile}): CPU samples every 500 µs of each thread, kernel
 * frames included, written as collapsed stacks when it stops. Sampling costs the app: every 200 µs,
 * a Tomcat request took 45 µs of CPU where it takes 28.
 */
final class WindowProfile {
  /**
   * Without these, the JIT keeps debug information at safepoints only, and samples taken inside
   * inlined code (the advice, inlined into the instrumented method) are put on the wrong frames.
   */
  static final List<String> JVM_OPTIONS = List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints");

  private WindowProfile() {}

  /** Starts sampling the JVM {@code pid}. */
  static void start(long pid) {
    run("start", "-e", "cpu", "-i", "500us", "-t", Long.toString(pid));
  }

  /** Stops sampling the JVM {@code pid} and writes what it sampled to {@code collapsed}. */
  static Path stop(long pid, Path collapsed) {
    try {
      Files.createDirectories(collapsed.getParent());
    } catch (IOException e) {
      throw new BenchmarkException("cannot create " + collapsed.getParent() + " for the profile: " + e);
    }
    run("stop", "-o", "collapsed", "-f", collapsed.toAbsolutePath().toString(), Long.toString(pid));
    if (!Files.isRegularFile(collapsed)) {
      throw new BenchmarkException("async-profiler wrote no profile to " + collapsed);
    }
    return collapsed;
  }

  /** Runs async-profiler's command line, which fails with its exit code and what it printed. */
  private static void run(String... args) {
    try {
      AsyncProfilerLoader.executeProfiler(args);
    } catch (IOException | RuntimeException e) {
      String why = String.valueOf(e.getMessage()).strip();
      throw new BenchmarkException("async-profiler could not " + args[0] + " (" + why
          + "); run without --profile, or where async-profiler runs (Linux or macOS, perf events allowed)");
    }
  }
}
