package dev.sidecar.benchmarks.wholeprocess;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * A warm-up that lasts until the app's JIT compilers have gone quiet: at least {@code least}, then
 * until they used at most {@link #QUIET_SHARE} of one CPU over the last {@link #QUIET_SPAN}, and
 * never longer than {@code most}. A fixed warm-up measured the compiling along with the requests
 * whenever it ran long: the app is pinned to one CPU, its request threads keep it busy, and the
 * compilers get a small share of it, so code an agent adds (its advice is inlined into the app's
 * hottest methods) stretched the compiling past the warm-up in some rounds and not in others.
 * How long each warm-up took is reported beside the window's figures.
 */
final class JitSettled implements LoadGenerator.WarmUp {
  static final Duration QUIET_SPAN = Duration.ofSeconds(3);
  /**
   * Of one CPU. The compilers of a warm app stay well under it (no agent: 0.6 % at most); compiling
   * in earnest on the app's busy CPU takes about 10 %, its fair share beside eight request threads.
   */
  static final double QUIET_SHARE = 0.02;
  private static final long SAMPLE_MILLIS = 250;

  private final LongSupplier jitTicks;
  private final long quietTicks;
  private final long leastNanos;
  private final long mostNanos;
  /** The quiet span's start: the latest sample taken a quiet span or more before the newest, else the first. */
  private Sample spanStart;
  /** The samples after it, oldest first. */
  private final ArrayDeque<Sample> later = new ArrayDeque<>();
  private long start;

  /** {@code jitTicks} reads the CPU ticks the app's compiler threads have used so far. */
  JitSettled(LongSupplier jitTicks, long ticksPerSecond, Duration least, Duration most) {
    this.jitTicks = jitTicks;
    this.quietTicks = (long) (QUIET_SHARE * ticksPerSecond * QUIET_SPAN.toNanos() / 1e9);
    this.leastNanos = least.toNanos();
    this.mostNanos = Math.max(least.toNanos(), most.toNanos());
  }

  @Override
  public void awaitEnd() {
    while (!settled(System.nanoTime(), jitTicks.getAsLong())) {
      try {
        Thread.sleep(SAMPLE_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BenchmarkException("interrupted during the warm-up");
      }
    }
  }

  /** Takes one sample; true once the warm-up may end. The first sample starts the warm-up. */
  boolean settled(long nanoTime, long ticks) {
    Sample sample = new Sample(nanoTime, ticks);
    if (spanStart == null) {
      start = nanoTime;
      spanStart = sample;
    } else {
      later.addLast(sample);
    }
    while (!later.isEmpty() && nanoTime - later.peekFirst().nanoTime() >= QUIET_SPAN.toNanos()) {
      spanStart = later.removeFirst();
    }
    long elapsed = nanoTime - start;
    if (elapsed >= mostNanos) {
      return true;
    }
    boolean spanCovered = nanoTime - spanStart.nanoTime() >= QUIET_SPAN.toNanos();
    return elapsed >= leastNanos && spanCovered && ticks - spanStart.ticks() <= quietTicks;
  }

  private record Sample(long nanoTime, long ticks) {}
}
