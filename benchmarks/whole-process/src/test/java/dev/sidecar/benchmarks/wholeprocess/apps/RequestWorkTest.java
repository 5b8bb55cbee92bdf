package dev.sidecar.benchmarks.wholeprocess.apps;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequestWorkTest {
  @Test
  void theSpinLastsAtLeastTheNanosecondsAsked() {
    for (long nanos : new long[] {1, 1_000, 50_000}) {
      long before = System.nanoTime();
      long end = RequestWork.spin(nanos);
      assertTrue(end - before >= nanos, nanos + " ns asked, " + (end - before) + " ns spun");
    }
  }
}
