package dev.sidecar.benchmarks.wholeprocess;

import java.util.Map;

/** Reads numbers out of Sidecar's {@code status --json} fields. */
final class StatusCounters {
  private StatusCounters() {}

  /** The counter as a number; NaN when absent or not a number. */
  static double value(Map<String, String> status, String name) {
    String value = status.get(name);
    try {
      return value == null ? Double.NaN : Double.parseDouble(value);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
