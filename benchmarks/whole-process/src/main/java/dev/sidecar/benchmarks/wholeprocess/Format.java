package dev.sidecar.benchmarks.wholeprocess;

import java.util.Locale;

/** Number formats of the reports: fixed decimals, thousands separators, signed deltas. */
final class Format {
  private Format() {}

  static String number(double value, int decimals) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }

  static String delta(double value, int decimals) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%+,." + decimals + "f", value);
  }

  /** {@code value (+delta)}, or just the value without a baseline. */
  static String withDelta(double value, double baseline, int decimals) {
    String text = number(value, decimals);
    return Double.isNaN(baseline) || Double.isNaN(value) ? text : text + " (" + delta(value - baseline, decimals) + ")";
  }

  /** {@code value (ratio %)}, the value as a share of the baseline. */
  static String withPercent(double value, double baseline, int decimals) {
    String text = number(value, decimals);
    return Double.isNaN(baseline) || Double.isNaN(value) || baseline == 0
        ? text : text + " (" + number(100 * value / baseline, 1) + " %)";
  }

  static String mib(long bytes) {
    return number(bytes / 1024.0 / 1024.0, 1) + " MiB";
  }
}
