package dev.sidecar.benchmarks.wholeprocess;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Per app, the median of every figure over the rounds, for each configuration, against no agent. */
final class ComparisonReport {
  private static final List<String> HEADER = List.of("configuration", "start-up ms", "RSS warm MiB",
      "RSS after MiB", "throughput req/s", "p50 µs", "p99 µs", "CPU µs/req", "spans/req", "logs/req");

  private ComparisonReport() {}

  static Report build(List<String> facts, List<AppKind> apps, List<AgentConfig> configs, List<RunResult> results) {
    Report report = new Report("Whole-process benchmark", facts);
    List<String> paired = new ArrayList<>();
    for (AppKind app : apps) {
      List<RunResult> ofApp = results.stream().filter(r -> r.app() == app).toList();
      Medians none = configs.contains(AgentConfig.NONE) ? new Medians(ofApp, AgentConfig.NONE) : null;
      Table table = new Table(HEADER);
      for (AgentConfig config : configs) {
        Medians m = new Medians(ofApp, config);
        table.add(List.of(config.label,
            Format.withDelta(m.of(RunResult::startupMillis), base(none, RunResult::startupMillis), 0),
            Format.withDelta(m.of(r -> r.rssWarmKb() / 1024.0), base(none, r -> r.rssWarmKb() / 1024.0), 1),
            Format.withDelta(m.of(r -> r.rssAfterKb() / 1024.0), base(none, r -> r.rssAfterKb() / 1024.0), 1),
            Format.withPercent(m.of(RunResult::throughput), base(none, RunResult::throughput), 0),
            Format.withDelta(m.of(RunResult::p50Micros), base(none, RunResult::p50Micros), 0),
            Format.withDelta(m.of(RunResult::p99Micros), base(none, RunResult::p99Micros), 0),
            Format.withDelta(m.of(RunResult::cpuMicrosPerRequest), base(none, RunResult::cpuMicrosPerRequest), 1),
            percent(m.of(RunResult::spansPercent)),
            percent(m.of(RunResult::logsPercent))));
      }
      report.section(app.label, table);
      report.section(app.label + ": CPU µs/req by thread", threadTable(ofApp, configs, none));
      paired.addAll(PairedRounds.lines(app.label, ofApp, configs));
    }
    report.note("Each figure is the median over the rounds; in brackets, the difference from the median without an"
        + " agent (throughput: as % of it). Start-up: launch to the first answered GET /hello, each round's the median of its launches. RSS: VmRSS after the"
        + " warm-up and after the measured load. CPU µs/req: the app process's user + system CPU time over the"
        + " measured window (all its threads, the agent's export threads too) per request served. The window follows"
        + " the warm-up on the same connections, without a pause; the warm-up lasts until the JIT compilers have"
        + " gone quiet (warm-up s: how long that took), so that the window measures the steady state. spans/req and logs/req: spans and log records the"
        + " OTLP receiver got per request the app answered, from the start-up probe to the end of the load."
        + " CPU µs/req by thread: the same CPU time split by the threads that spent it, told apart by name: the"
        + " agent's own threads (Sidecar's sidecar-*, the OpenTelemetry agent's batch processors and OkHttp's),"
        + " the JIT compilers, the GC and VM threads; the application's threads (which run the advice) have the rest."
        + " app's CPU idle %: how long the CPU the app is pinned to sat idle in the window; above a few %, the app"
        + " waited for requests instead of running saturated, and its throughput says as much about the load as about it.");
    paired.forEach(report::note);
    return report;
  }

  private static Table threadTable(List<RunResult> ofApp, List<AgentConfig> configs, Medians none) {
    List<String> header = new ArrayList<>(List.of("configuration"));
    for (ThreadCpu.Kind kind : ThreadCpu.Kind.values()) {
      header.add(kind.label);
    }
    header.add("app's CPU idle %");
    header.add("warm-up s");
    Table table = new Table(header);
    for (AgentConfig config : configs) {
      Medians m = new Medians(ofApp, config);
      List<String> row = new ArrayList<>(List.of(config.label));
      for (ThreadCpu.Kind kind : ThreadCpu.Kind.values()) {
        row.add(Format.withDelta(m.of(r -> r.cpuMicros(kind)), base(none, r -> r.cpuMicros(kind)), 1));
      }
      row.add(Format.withDelta(m.of(RunResult::appCpuIdlePercent), base(none, RunResult::appCpuIdlePercent), 1));
      row.add(Format.withDelta(m.of(RunResult::warmupSeconds), base(none, RunResult::warmupSeconds), 1));
      table.add(row);
    }
    return table;
  }

  private static double base(Medians none, ToDoubleFunction<RunResult> figure) {
    return none == null ? Double.NaN : none.of(figure);
  }

  private static String percent(double value) {
    return Double.isNaN(value) ? "-" : Format.number(value, 1) + " %";
  }

  /** The results of one configuration, reduced to medians figure by figure. */
  private static final class Medians {
    private final List<RunResult> runs;

    Medians(List<RunResult> results, AgentConfig config) {
      this.runs = results.stream().filter(r -> r.config() == config).toList();
    }

    double of(ToDoubleFunction<RunResult> figure) {
      return Stats.median(runs.stream().map(r -> figure.applyAsDouble(r)).toList());
    }
  }
}
