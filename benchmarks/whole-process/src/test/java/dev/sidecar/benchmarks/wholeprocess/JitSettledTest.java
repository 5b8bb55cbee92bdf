package dev.sidecar.benchmarks.wholeprocess;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JitSettledTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long TICKS_PER_SECOND = 100;
  // 2 % of a CPU over 3 s at 100 ticks a second.
  private static final long QUIET_TICKS = 6;

  private final JitSettled warmUp =
      new JitSettled(() -> 0, TICKS_PER_SECOND, Duration.ofSeconds(10), Duration.ofSeconds(30));

  @Test
  void endsAtTheLeastOnceTheCompilersWereQuietForTheLastSpan() {
    // Busy for 5 s (10 ticks a second), quiet after: the span before 10 s is quiet.
    for (int quarter = 0; quarter < 40; quarter++) {
      long t = quarter * SECOND / 4;
      long ticks = Math.min(t, 5 * SECOND) * 10 / SECOND;
      assertFalse(warmUp.settled(t, ticks), "ended at " + t + " ns");
    }
    assertTrue(warmUp.settled(10 * SECOND, 50));
  }

  @Test
  void goesOnWhileTheCompilersWorkAndEndsWhenTheyStop() {
    long t = 0;
    long ticks = 0;
    // 10 % of a CPU until 14 s.
    for (; t < 14 * SECOND; t += SECOND / 4) {
      assertFalse(warmUp.settled(t, ticks), "ended at " + t + " ns");
      ticks = t * 10 / SECOND;
    }
    // Then a trickle at the quiet limit: 3 s after the compilers stopped the span holds QUIET_TICKS.
    long stopped = ticks;
    for (; t < 17 * SECOND; t += SECOND / 4) {
      assertFalse(warmUp.settled(t, stopped + QUIET_TICKS * (t - 14 * SECOND) / (3 * SECOND)), "ended at " + t);
    }
    assertTrue(warmUp.settled(t, stopped + QUIET_TICKS));
  }

  @Test
  void compilersThatNeverGoQuietEndItAtTheMost() {
    long t = 0;
    for (; t < 30 * SECOND; t += SECOND / 2) {
      assertFalse(warmUp.settled(t, t * 10 / SECOND), "ended at " + t + " ns");
    }
    assertTrue(warmUp.settled(t, t * 10 / SECOND));
  }

  @Test
  void oneMoreTickThanTheLimitKeepsItGoingForTheSpan() {
    long t = 0;
    for (; t <= 8 * SECOND; t += SECOND / 2) {
      assertFalse(warmUp.settled(t, 0));
    }
    // QUIET_TICKS + 1 ticks between 8 s and 8.5 s: every span that holds them is too busy.
    for (; t <= 11 * SECOND; t += SECOND / 2) {
      assertFalse(warmUp.settled(t, QUIET_TICKS + 1), "ended at " + t + " ns");
    }
    assertTrue(warmUp.settled(t, QUIET_TICKS + 1), "the span from 8.5 s to 11.5 s is quiet");
  }
}
