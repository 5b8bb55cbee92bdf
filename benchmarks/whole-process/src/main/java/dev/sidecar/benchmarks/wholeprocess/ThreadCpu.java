package dev.sidecar.benchmarks.wholeprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * The CPU time of an app JVM's threads, by what they are: the agent's own threads (its export and
 * sender threads), the JIT compilers, the GC and the VM's housekeeping, and the application's
 * threads, which run the agent's advice too. Told apart by thread name, as Linux keeps it in
 * {@code /proc/<pid>/task/<tid>/stat}: cut to 15 characters.
 */
final class ThreadCpu {
  /** What a thread is, from its name. */
  enum Kind {
    APPLICATION("application"),
    AGENT("agent's own"),
    JIT("JIT compilers"),
    GC_AND_VM("GC and VM");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  /**
   * Sidecar's threads, then the OpenTelemetry agent's: its batch processors, OkHttp's and Okio's
   * threads for the OTLP exporter, and its weak-reference cleaner. Names as Linux cuts them.
   */
  private static final List<String> AGENT_PREFIXES = List.of("sidecar-",
      "BatchSpanProces", "BatchLogRecordP", "PeriodicMetricR", "okhttp", "OkHttp", "Okio", "weak-ref-cleane");
  private static final List<String> JIT_PREFIXES = List.of("C1 CompilerThre", "C2 CompilerThre", "Sweeper thread");
  private static final List<String> GC_AND_VM_PREFIXES = List.of("VM Thread", "GC Thread", "G1 ", "VM Periodic Tas",
      "Service Thread", "Monitor Deflati");

  private ThreadCpu() {}

  static Kind kind(String threadName) {
    if (startsWithAny(threadName, AGENT_PREFIXES)) {
      return Kind.AGENT;
    }
    if (startsWithAny(threadName, JIT_PREFIXES)) {
      return Kind.JIT;
    }
    if (startsWithAny(threadName, GC_AND_VM_PREFIXES)) {
      return Kind.GC_AND_VM;
    }
    return Kind.APPLICATION;
  }

  private static boolean startsWithAny(String name, List<String> prefixes) {
    for (String prefix : prefixes) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** The thread name in a {@code /proc/<pid>/task/<tid>/stat} line: between the first '(' and the last ')'. */
  static String threadName(String statLine) {
    int open = statLine.indexOf('(');
    int close = statLine.lastIndexOf(')');
    if (open < 0 || close < open) {
      throw new IllegalArgumentException("not a /proc stat line: " + statLine);
    }
    return statLine.substring(open + 1, close);
  }

  /**
   * CPU ticks (user + system) so far of the threads of {@code pid} alive now, by kind. A thread
   * that ended took its ticks with it; {@link #split} leaves the application the rest of the
   * process's time, so that nothing is lost.
   */
  static Map<Kind, Long> ticksByKind(long pid) {
    Map<Kind, Long> ticks = new EnumMap<>(Kind.class);
    for (Kind kind : Kind.values()) {
      ticks.put(kind, 0L);
    }
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    try (Stream<Path> threads = Files.list(tasks)) {
      for (Path thread : (Iterable<Path>) threads::iterator) {
        String stat;
        try {
          stat = Files.readString(thread.resolve("stat"));
        } catch (IOException e) {
          continue; // the thread ended between the listing and the read
        }
        ticks.merge(kind(threadName(stat)), ProcFiles.cpuTicks(stat), Long::sum);
      }
    } catch (IOException e) {
      throw new BenchmarkException("cannot list " + tasks + " (the process ended, or this is not Linux): " + e);
    }
    return ticks;
  }

  /**
   * The CPU ticks each kind of thread spent between {@code before} and {@code after}. The
   * application's share is the process's whole time less the others', threads that ended included.
   */
  static Map<Kind, Long> spent(Map<Kind, Long> before, Map<Kind, Long> after, long processTicks) {
    Map<Kind, Long> spent = new EnumMap<>(Kind.class);
    long others = 0;
    for (Kind kind : Kind.values()) {
      if (kind != Kind.APPLICATION) {
        long delta = Math.max(0, after.getOrDefault(kind, 0L) - before.getOrDefault(kind, 0L));
        others += delta;
        spent.put(kind, delta);
      }
    }
    spent.put(Kind.APPLICATION, Math.max(0, processTicks - others));
    return spent;
  }

  /**
   * Per request, in µs: what each kind of thread took between {@code before} and {@code after} (see
   * {@link #spent}).
   */
  static Map<Kind, Double> split(Map<Kind, Long> before, Map<Kind, Long> after, long processTicks,
      long ticksPerSecond, long requests) {
    Map<Kind, Double> micros = new EnumMap<>(Kind.class);
    spent(before, after, processTicks)
        .forEach((kind, ticks) -> micros.put(kind, perRequest(ticks, ticksPerSecond, requests)));
    return micros;
  }

  /** "application 29.1, agent's own 1.4, JIT compilers 0.3, GC and VM 0.1": µs of CPU per request by kind. */
  static String describe(ToDoubleFunction<Kind> microsPerRequest) {
    List<String> parts = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      parts.add(kind.label + " " + Format.number(microsPerRequest.applyAsDouble(kind), 1));
    }
    return String.join(", ", parts);
  }

  private static double perRequest(long ticks, long ticksPerSecond, long requests) {
    return requests == 0 ? Double.NaN : ticks * 1e6 / ticksPerSecond / requests;
  }
}
