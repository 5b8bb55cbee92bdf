package dev.sidecar.benchmarks.wholeprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What Linux's {@code /proc/<pid>} says about a process: its CPU time and its resident memory. */
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

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new BenchmarkException("cannot read " + file + " (the process ended, or this is not Linux): " + e);
    }
  }
}
