package dev.sidecar.benchmarks.wholeprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterleavedReportTest {
  /** {@code requests} in {@code seconds}, each taking {@code cpuMicros}, a tenth of it on the agent's threads. */
  private static Slice slice(AgentConfig config, int cycle, long requests, double seconds, double cpuMicros) {
    return slice(config, cycle, 1, requests, seconds, cpuMicros);
  }

  private static Slice slice(AgentConfig config, int cycle, int jvm, long requests, double seconds, double cpuMicros) {
    double cpu = requests * cpuMicros;
    return new Slice(config, cycle, jvm, requests, 0, (long) (seconds * 1e9), new long[] {100_000, 200_000}, cpu,
        Map.of(ThreadCpu.Kind.AGENT, cpu / 10, ThreadCpu.Kind.APPLICATION, cpu * 9 / 10),
        new ProcFiles.CpuTicks(10, 300), 3_000);
  }

  private static InterleavedRun run(AgentConfig config, Slice... slices) {
    boolean agent = config != AgentConfig.NONE;
    return new InterleavedRun(AppKind.TOMCAT, config, List.of(slices), 12, 200_000, 100_000,
        agent ? 100_000 : -1, agent ? 50_000 : -1, List.of());
  }

  // Cycle 2 ran on a slow machine: both its slices are slower, and the ratio of the cycle does not move.
  private final InterleavedRun none = run(AgentConfig.NONE,
      slice(AgentConfig.NONE, 1, 120_000, 3, 25), slice(AgentConfig.NONE, 2, 60_000, 3, 50),
      slice(AgentConfig.NONE, 3, 120_000, 3, 25));
  private final InterleavedRun sidecar = run(AgentConfig.SIDECAR,
      slice(AgentConfig.SIDECAR, 1, 108_000, 3, 28), slice(AgentConfig.SIDECAR, 2, 57_000, 3, 52),
      slice(AgentConfig.SIDECAR, 3, 96_000, 3, 30));

  @Test
  void eachSliceIsSetAgainstTheNoAgentSliceOfItsCycleInCycleOrder() {
    List<Double> ratios = InterleavedReport.throughputPercent(sidecar, none);
    assertEquals(3, ratios.size());
    assertEquals(90.0, ratios.get(0), 1e-9);
    assertEquals(95.0, ratios.get(1), 1e-9);
    assertEquals(80.0, ratios.get(2), 1e-9);
    List<Double> added = InterleavedReport.cpuAddedMicros(sidecar, none);
    assertEquals(List.of(3.0, 2.0, 5.0), added.stream().map(v -> Math.round(v * 1e9) / 1e9).toList());
  }

  @Test
  void aCycleWithoutItsNoAgentSliceIsLeftOut() {
    InterleavedRun partialNone = run(AgentConfig.NONE, slice(AgentConfig.NONE, 1, 120_000, 3, 25));
    assertEquals(List.of(90.0), InterleavedReport.throughputPercent(sidecar, partialNone));
  }

  @Test
  void figuresPoolTheSlicesRatherThanAveragingThem() {
    // 100,000 requests in 4 s: 25,000 a second, where the mean of the two slices' rates would be 20,000.
    InterleavedRun uneven = run(AgentConfig.SIDECAR,
        slice(AgentConfig.SIDECAR, 1, 90_000, 3, 20), slice(AgentConfig.SIDECAR, 2, 10_000, 1, 60));
    assertEquals(25_000, uneven.throughput(), 1e-6);
    assertEquals(24.0, uneven.cpuMicrosPerRequest(), 1e-9);
    assertEquals(2.4, uneven.cpuMicros(ThreadCpu.Kind.AGENT), 1e-9);
    assertEquals(100.0 * 20 / 600, uneven.appCpuIdlePercent(), 1e-9);
    // 3,000 µs of the waiting JVMs' CPU in each slice, 6 ms over 4 s.
    assertEquals(0.15, uneven.othersCpuPercent(), 1e-9);
    assertEquals(100.0, uneven.spansPercent(), 1e-9);
    assertEquals(50.0, uneven.logsPercent(), 1e-9);
  }

  @Test
  void jvmsOfAConfigurationPoolIntoOneRunWithEachJvmStillApart() {
    InterleavedRun first = new InterleavedRun(AppKind.TOMCAT, AgentConfig.SIDECAR,
        List.of(slice(AgentConfig.SIDECAR, 1, 1, 90_000, 3, 30)), 12, 200_000, 100_000, 100_000, 100_000,
        List.of(Map.of("spans.dropped", "2", "spans.failed", "0")));
    InterleavedRun second = new InterleavedRun(AppKind.TOMCAT, AgentConfig.SIDECAR,
        List.of(slice(AgentConfig.SIDECAR, 2, 2, 60_000, 3, 40)), 20, 210_000, 70_000, 69_000, 70_000,
        List.of(Map.of("spans.dropped", "3", "spans.failed", "1")));
    InterleavedRun pooled = InterleavedRun.pool(List.of(first, second));
    assertEquals(List.of(1, 2), pooled.slices().stream().map(Slice::cycle).toList());
    assertEquals(2, pooled.jvms());
    assertEquals(25_000, pooled.throughput(), 1e-6);
    assertEquals(170_000, pooled.answered());
    assertEquals(100.0 * 169_000 / 170_000, pooled.spansPercent(), 1e-9);
    assertEquals(16.0, pooled.warmupSeconds(), 1e-9);
    assertEquals(205_000, pooled.rssAfterKb());
    assertEquals(5.0, pooled.counter("spans.dropped"), 1e-9);
    assertEquals(1.0, pooled.counter("spans.failed"), 1e-9);
    assertEquals(30_000, pooled.ofJvm(1).throughput(), 1e-6);
    assertEquals(20_000, pooled.ofJvm(2).throughput(), 1e-6);
  }

  @Test
  void eachJvmIsSetAgainstTheNoAgentJvmOfItsSet() {
    InterleavedRun noAgent = run(AgentConfig.NONE,
        slice(AgentConfig.NONE, 1, 1, 120_000, 3, 25), slice(AgentConfig.NONE, 2, 2, 100_000, 3, 30));
    // The second Sidecar JVM came out slower on its application threads: 36 µs against the 30 of its set's.
    InterleavedRun agent = run(AgentConfig.SIDECAR,
        slice(AgentConfig.SIDECAR, 1, 1, 108_000, 3, 28), slice(AgentConfig.SIDECAR, 2, 2, 75_000, 3, 40));
    assertEquals(" each JVM against the no-agent JVM of its set, their slices pooled: throughput 90.0, 75.0 %,"
        + " application threads +2.7, +9.0 µs/req;", InterleavedReport.perJvm(agent, noAgent));
    assertEquals("", InterleavedReport.perJvm(sidecar, none));
  }

  @Test
  void theMiddleIsTheMedianAndTheMiddleHalf() {
    assertEquals("88.0 (80.0 to 95.0)", InterleavedReport.middle(List.of(95.0, 80.0, 88.0, 70.0, 99.0), 1, false));
    assertEquals("+3.0 (+2.0 to +5.0)", InterleavedReport.middle(List.of(3.0, 2.0, 5.0), 1, true));
    assertEquals("-", InterleavedReport.middle(List.of(), 1, false));
  }

  @Test
  void theReportHasATableAndACycleLinePerAgent() {
    Report report = InterleavedReport.build(List.of("date: today"), List.of(AppKind.TOMCAT), List.of(none, sidecar));
    String text = report.text();
    assertTrue(text.contains("embedded Tomcat, Sidecar, each cycle against the no-agent slice of the same cycle:"
        + " throughput 90, 95, 80 %, CPU +3.0, +2.0, +5.0 µs/req; errors 0."),
        text);
    assertTrue(text.contains("90.0 (80.0 to 95.0)"), text);
  }
}
