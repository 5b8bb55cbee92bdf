package dev.sidecar.benchmarks.wholeprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PairedRoundsTest {
  private static RunResult run(AgentConfig config, int round, double throughput, double cpuMicros, double startup) {
    return new RunResult(AppKind.TOMCAT, config, round, startup, 100_000, 100_000, 1000, 0, throughput, 200, 400,
        cpuMicros, 5000, config == AgentConfig.NONE ? -1 : 5000, config == AgentConfig.NONE ? -1 : 5000, Map.of(), 50, Double.NaN, Map.of(),
        10);
  }

  // Round 2 ran on a slow machine: both its runs are slower, and the paired ratio does not move.
  private final List<RunResult> results = List.of(
      run(AgentConfig.SIDECAR, 2, 16_000, 60, 1_900),
      run(AgentConfig.NONE, 1, 40_000, 25, 1_000),
      run(AgentConfig.SIDECAR, 1, 36_000, 28, 1_250),
      run(AgentConfig.NONE, 2, 20_000, 55, 1_600),
      run(AgentConfig.NONE, 3, 40_000, 25, 1_000),
      run(AgentConfig.OTEL_DEFAULTS, 1, 20_000, 50, 4_000));

  @Test
  void throughputIsSetAgainstTheNoAgentRunOfTheSameRoundInRoundOrder() {
    assertEquals(List.of(90.0, 80.0), PairedRounds.throughputPercent(results, AgentConfig.SIDECAR));
    assertEquals(List.of(50.0), PairedRounds.throughputPercent(results, AgentConfig.OTEL_DEFAULTS));
  }

  @Test
  void cpuIsTheDifferenceFromTheNoAgentRunOfTheSameRound() {
    assertEquals(List.of(3.0, 5.0), PairedRounds.cpuAddedMicros(results, AgentConfig.SIDECAR));
  }

  @Test
  void startUpIsTheDifferenceFromTheNoAgentRunOfTheSameRound() {
    assertEquals(List.of(250.0, 300.0), PairedRounds.startupAddedMillis(results, AgentConfig.SIDECAR));
  }

  @Test
  void aRoundWithoutItsNoAgentRunIsLeftOut() {
    List<RunResult> withoutRoundTwoBaseline = results.stream()
        .filter(r -> !(r.config() == AgentConfig.NONE && r.round() == 2)).toList();
    assertEquals(List.of(90.0), PairedRounds.throughputPercent(withoutRoundTwoBaseline, AgentConfig.SIDECAR));
  }

  @Test
  void oneLinePerAgentConfigurationWithItsRoundsAndMedians() {
    assertEquals(List.of(
            "embedded Tomcat, Sidecar, each round against the no-agent run beside it: throughput 90, 80 %"
                + " (median 85.0 %), CPU +3.0, +5.0 µs/req (median +4.0), start-up +250, +300 ms (median +275).",
            "embedded Tomcat, OTel agent, defaults, each round against the no-agent run beside it: throughput 50 %"
                + " (median 50.0 %), CPU +25.0 µs/req (median +25.0), start-up +3,000 ms (median +3,000)."),
        PairedRounds.lines("embedded Tomcat", results,
            List.of(AgentConfig.NONE, AgentConfig.SIDECAR, AgentConfig.OTEL_HTTP_LOGS, AgentConfig.OTEL_DEFAULTS)));
  }

  @Test
  void noLinesWithoutNoAgentRuns() {
    assertEquals(List.of(), PairedRounds.lines("embedded Tomcat",
        results.stream().filter(r -> r.config() != AgentConfig.NONE).toList(), List.of(AgentConfig.SIDECAR)));
  }
}
