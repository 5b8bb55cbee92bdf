package dev.sidecar.benchmarks.wholeprocess;

import java.util.Arrays;
import java.util.List;

/** Medians over rounds and percentiles over latencies. */
final class Stats {
  private Stats() {}

  /** The median; the mean of the middle two for an even count; NaN for none. */
  static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).sorted().toArray();
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  /**
   * The nearest-rank percentile of already sorted values: the smallest value that at least
   * {@code percent} % of the values do not exceed. 0 for no values.
   */
  static long percentile(long[] sorted, double percent) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(percent / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** The nearest-rank percentile of {@code values}, in any order; NaN for none. */
  static double percentile(List<Double> values, double percent) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).sorted().toArray();
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(percent / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** Concatenates and sorts. */
  static long[] sortedConcat(List<long[]> parts) {
    long[] all = parts.stream().flatMapToLong(Arrays::stream).toArray();
    Arrays.sort(all);
    return all;
  }
}
