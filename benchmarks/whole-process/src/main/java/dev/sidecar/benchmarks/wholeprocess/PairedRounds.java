package dev.sidecar.benchmarks.wholeprocess;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Each round of an agent set against the no-agent run of the same round. A machine that slows down
 * for a while slows both runs of a round, so these ratios show how much of the spread between
 * rounds is the agent's.
 */
final class PairedRounds {
  private PairedRounds() {}

  /** Per round, in round order, the configuration's throughput as % of that round's no-agent run. */
  static List<Double> throughputPercent(List<RunResult> ofApp, AgentConfig config) {
    List<Double> ratios = new ArrayList<>();
    for (RunResult run : runs(ofApp, config)) {
      baseline(ofApp, run.round()).filter(none -> none.throughput() > 0)
          .ifPresent(none -> ratios.add(100 * run.throughput() / none.throughput()));
    }
    return ratios;
  }

  /** Per round, in round order, the CPU per request the configuration added to that round's no-agent run. */
  static List<Double> cpuAddedMicros(List<RunResult> ofApp, AgentConfig config) {
    return added(ofApp, config, RunResult::cpuMicrosPerRequest);
  }

  /**
   * Per round, in round order, the start-up time the configuration added to that round's no-agent
   * run: a launch right after a load phase can be slow for every configuration alike.
   */
  static List<Double> startupAddedMillis(List<RunResult> ofApp, AgentConfig config) {
    return added(ofApp, config, RunResult::startupMillis);
  }

  /** Per round, in round order, the configuration's {@code figure} less that round's no-agent run's. */
  private static List<Double> added(List<RunResult> ofApp, AgentConfig config, ToDoubleFunction<RunResult> figure) {
    List<Double> deltas = new ArrayList<>();
    for (RunResult run : runs(ofApp, config)) {
      baseline(ofApp, run.round())
          .ifPresent(none -> deltas.add(figure.applyAsDouble(run) - figure.applyAsDouble(none)));
    }
    return deltas;
  }

  /**
   * One line per agent configuration of {@code app}, such as {@code embedded Tomcat, Sidecar, each
   * round against the no-agent run beside it: throughput 83, 87, 79 % (median 83.0 %), CPU +4.1,
   * +3.2, +5.0 µs/req (median +4.1), start-up +250, +180, +310 ms (median +250).}; none without
   * no-agent runs.
   */
  static List<String> lines(String app, List<RunResult> ofApp, List<AgentConfig> configs) {
    List<String> lines = new ArrayList<>();
    for (AgentConfig config : configs) {
      List<Double> throughput = throughputPercent(ofApp, config);
      if (config == AgentConfig.NONE || throughput.isEmpty()) {
        continue;
      }
      List<Double> cpu = cpuAddedMicros(ofApp, config);
      List<Double> startup = startupAddedMillis(ofApp, config);
      lines.add(app + ", " + config.label + ", each round against the no-agent run beside it: throughput "
          + join(throughput, 0, false) + " % (median " + Format.number(Stats.median(throughput), 1) + " %), CPU "
          + join(cpu, 1, true) + " µs/req (median " + Format.delta(Stats.median(cpu), 1) + "), start-up "
          + join(startup, 0, true) + " ms (median " + Format.delta(Stats.median(startup), 0) + ").");
    }
    return lines;
  }

  private static List<RunResult> runs(List<RunResult> ofApp, AgentConfig config) {
    return ofApp.stream().filter(r -> r.config() == config)
        .sorted((a, b) -> Integer.compare(a.round(), b.round())).toList();
  }

  private static Optional<RunResult> baseline(List<RunResult> ofApp, int round) {
    return ofApp.stream().filter(r -> r.config() == AgentConfig.NONE && r.round() == round).findFirst();
  }

  private static String join(List<Double> values, int decimals, boolean signed) {
    return values.stream().map(v -> signed ? Format.delta(v, decimals) : Format.number(v, decimals))
        .collect(Collectors.joining(", "));
  }
}
