package dev.sidecar.benchmarks.wholeprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Linux's {@code /proc/<pid>} says about a process (its CPU time and its resident memory), and
 * {@code /proc/stat} about a CPU (how long it was idle).
 */
final class ProcFiles {
  private ProcFiles() {}

  /** utime + stime, in clock ticks, of all the process's threads. */
  static long cpuTicks(long pid) {
    return cpuTicks(read(Path.of("/proc", Long.toString(pid), "stat")));
  }

  /** Resident memory in kB. */
  static long rssKb(long pid) {
    return vmRssKb(read(Path.of("/proc", Long.toString(pid), "status")));
  }

  /**
   * utime (field 14) + stime (field 15) of a {@code /proc/<pid>/stat} line. Fields are counted
   * after the last ')', since the command name in field 2 may itself hold spaces and parentheses.
   */
  static long cpuTicks(String statLine) {
    int end = statLine.lastIndexOf(')');
    if (end < 0) {
      throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + statLine);
    }
    String[] fields = statLine.substring(end + 1).trim().split("\\s+");
    // fields[0] is field 3 (state), so field n is fields[n - 3].
    return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
  }

  /** The {@code VmRSS:} value of a {@code /proc/<pid>/status} text, in kB. */
  static long vmRssKb(String status) {
    for (String line : status.split("\n")) {
      if (line.startsWith("VmRSS:")) {
        String[] words = line.substring("VmRSS:".length()).trim().split("\\s+");
        return Long.parseLong(words[0]);
      }
    }
    throw new IllegalArgumentException("no VmRSS line in /proc/<pid>/status");
  }

  /** Idle and total clock ticks since boot of CPU {@code cpu}, from {@code /proc/stat}. */
  static CpuTicks cpuTicksOf(int cpu) {
    return cpuTicksOf(read(Path.of("/proc/stat")), cpu);
  }

  /**
   * The {@code cpuN} line of a {@code /proc/stat} text: user, nice, system, idle, iowait, irq,
   * softirq and steal, in clock ticks. Idle counts iowait too; the total, all eight.
   */
  static CpuTicks cpuTicksOf(String procStat, int cpu) {
    String prefix = "cpu" + cpu + " ";
    for (String line : procStat.split("\n")) {
      if (line.startsWith(prefix)) {
        String[] fields = line.substring(prefix.length()).trim().split("\\s+");
        long total = 0;
        for (int i = 0; i < 8 && i < fields.length; i++) {
          total += Long.parseLong(fields[i]);
        }
        return new CpuTicks(Long.parseLong(fields[3]) + Long.parseLong(fields[4]), total);
      }
    }
    throw new IllegalArgumentException("no line for CPU " + cpu + " in /proc/stat");
  }

  /** One CPU's clock ticks since boot: idle, and all. */
  record CpuTicks(long idle, long total) {
    static final CpuTicks NONE = new CpuTicks(0, 0);

    /** The ticks that passed since {@code earlier}. */
    CpuTicks since(CpuTicks earlier) {
      return new CpuTicks(idle - earlier.idle, total - earlier.total);
    }

    /** The share of these ticks the CPU was idle, in %; NaN when none passed. */
    double idlePercent() {
      return total <= 0 ? Double.NaN : 100.0 * idle / total;
    }

    /** The share of the time since {@code earlier} this CPU was idle, in %; NaN when no tick passed. */
    double idlePercentSince(CpuTicks earlier) {
      return since(earlier).idlePercent();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new BenchmarkException("cannot read " + file + " (the process ended, or this is not Linux): " + e);
    }
  }
}
