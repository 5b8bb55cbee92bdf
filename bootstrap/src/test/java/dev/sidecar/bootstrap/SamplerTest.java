package dev.sidecar.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SamplerTest {
  private static final long[] EDGE_IDS = {
      0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE / 2,
      -(Long.MAX_VALUE / 2), 0x5555555555555555L, 0xaaaaaaaaaaaaaaaaL};

  @AfterEach
  void restoreDefault() {
    Sampler.install(Sampler.parentBased(1.0));
  }

  /** OpenTelemetry's TraceIdRatioBasedSampler rule, for ratios strictly between 0 and 1. */
  private static boolean otelDecision(double ratio, long traceIdLow) {
    return Math.abs(traceIdLow) < (long) (ratio * Long.MAX_VALUE);
  }

  @Test
  void ratioOneSamplesEveryRoot() {
    Sampler sampler = Sampler.ratio(1.0);
    for (long id : EDGE_IDS) {
      assertTrue(sampler.sampleRoot(id), Long.toHexString(id));
    }
    Random random = new Random(1);
    for (int i = 0; i < 10_000; i++) {
      assertTrue(sampler.sampleRoot(random.nextLong()));
    }
    assertTrue(Sampler.ratio(2.0).sampleRoot(Long.MAX_VALUE), "ratios above 1 act as 1");
  }

  @Test
  void ratioZeroSamplesNothing() {
    Sampler sampler = Sampler.ratio(0.0);
    for (long id : EDGE_IDS) {
      assertFalse(sampler.sampleRoot(id), Long.toHexString(id));
    }
    Random random = new Random(2);
    for (int i = 0; i < 10_000; i++) {
      assertFalse(sampler.sampleRoot(random.nextLong()));
    }
    assertFalse(Sampler.ratio(-1.0).sampleRoot(Long.MIN_VALUE), "negative ratios act as 0");
  }

  @Test
  void ratioHalfSamplesAboutHalf() {
    Sampler sampler = Sampler.ratio(0.5);
    Random random = new Random(3);
    int n = 100_000;
    int sampled = 0;
    for (int i = 0; i < n; i++) {
      if (sampler.sampleRoot(random.nextLong())) {
        sampled++;
      }
    }
    assertTrue(sampled > 45_000 && sampled < 55_000, "sampled " + sampled + " of " + n);
  }

  @Test
  void decisionIsDeterministicAndMatchesOpenTelemetry() {
    double[] ratios = {0.001, 0.1, 0.25, 0.5, 0.75, 0.999};
    Random random = new Random(4);
    for (double ratio : ratios) {
      Sampler a = Sampler.ratio(ratio);
      Sampler b = Sampler.parentBased(ratio);
      for (int i = 0; i < 20_000; i++) {
        long id = random.nextLong();
        boolean expected = otelDecision(ratio, id);
        assertEquals(expected, a.sampleRoot(id), "ratio " + ratio + " id " + id);
        assertEquals(expected, a.sampleRoot(id), "second call, ratio " + ratio);
        assertEquals(expected, b.sampleRoot(id), "parent-based root, ratio " + ratio);
      }
      for (long id : EDGE_IDS) {
        assertEquals(otelDecision(ratio, id), a.sampleRoot(id), "ratio " + ratio + " id " + id);
      }
    }
  }

  @Test
  void boundaryIsExclusiveAndSymmetric() {
    Sampler sampler = Sampler.ratio(0.5);
    long bound = (long) (0.5 * Long.MAX_VALUE);
    assertTrue(sampler.sampleRoot(bound - 1));
    assertTrue(sampler.sampleRoot(-(bound - 1)));
    assertFalse(sampler.sampleRoot(bound));
    assertFalse(sampler.sampleRoot(-bound));
    // Math.abs(Long.MIN_VALUE) is negative, so OpenTelemetry samples it at any ratio above 0.
    assertTrue(sampler.sampleRoot(Long.MIN_VALUE));
  }

  @Test
  void parentBasedFollowsTheParent() {
    Sampler never = Sampler.parentBased(0.0);
    Sampler always = Sampler.parentBased(1.0);
    for (long id : EDGE_IDS) {
      assertTrue(never.sampleChild(true, id));
      assertFalse(always.sampleChild(false, id));
      assertTrue(always.sampleChild(true, id));
      assertFalse(never.sampleChild(false, id));
    }
  }

  @Test
  void plainRatioIgnoresTheParent() {
    Sampler never = Sampler.ratio(0.0);
    Sampler always = Sampler.ratio(1.0);
    Sampler half = Sampler.ratio(0.5);
    Random random = new Random(5);
    for (int i = 0; i < 1_000; i++) {
      long id = random.nextLong();
      assertFalse(never.sampleChild(true, id));
      assertTrue(always.sampleChild(false, id));
      assertEquals(half.sampleRoot(id), half.sampleChild(true, id));
      assertEquals(half.sampleRoot(id), half.sampleChild(false, id));
    }
  }

  @Test
  void defaultIsParentBasedAlwaysOnAndInstallReplacesIt() {
    assertEquals("parentbased(traceidratio(1.0))", Sampler.current().toString());
    Sampler installed = Sampler.ratio(0.25);
    Sampler.install(installed);
    assertEquals(installed, Sampler.current());
    assertEquals("traceidratio(0.25)", installed.toString());
  }
}
