package dev.sidecar.benchmarks.wholeprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void medianOfAnOddCountIsTheMiddleValue() {
    assertEquals(3.0, Stats.median(List.of(5.0, 1.0, 3.0)));
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertEquals(2.5, Stats.median(List.of(4.0, 1.0, 2.0, 3.0)));
  }

  @Test
  void medianIgnoresMissingValuesAndIsMissingForNone() {
    assertEquals(2.0, Stats.median(List.of(Double.NaN, 2.0)));
    assertEquals(Double.NaN, Stats.median(List.of()));
  }

  @Test
  void percentileIsTheNearestRank() {
    long[] sorted = new long[100];
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] = i + 1;
    }
    assertEquals(50, Stats.percentile(sorted, 50));
    assertEquals(99, Stats.percentile(sorted, 99));
    assertEquals(100, Stats.percentile(sorted, 100));
    assertEquals(1, Stats.percentile(sorted, 0));
    assertEquals(7, Stats.percentile(new long[] {7}, 99));
    assertEquals(0, Stats.percentile(new long[0], 50));
  }

  @Test
  void percentileOfValuesInAnyOrderIsTheNearestRank() {
    List<Double> values = List.of(40.0, 10.0, 30.0, 20.0, Double.NaN);
    assertEquals(10.0, Stats.percentile(values, 25));
    assertEquals(30.0, Stats.percentile(values, 75));
    assertEquals(40.0, Stats.percentile(values, 100));
    assertEquals(Double.NaN, Stats.percentile(List.of(), 50));
  }

  @Test
  void sortedConcatMergesAndSorts() {
    assertArrayEquals(new long[] {1, 2, 3, 4}, Stats.sortedConcat(List.of(new long[] {4, 1}, new long[] {3, 2})));
  }
}
