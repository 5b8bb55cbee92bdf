package dev.sidecar.benchmarks.wholeprocess;

import dev.sidecar.testing.CollectorFault;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Per app and agent, what each collector fault costs the app, against a healthy collector. */
final class FaultReport {
  private static final List<String> HEADER = List.of("collector", "throughput req/s", "p99 µs", "CPU µs/req",
      "RSS MiB", "heap after full GC MiB", "spans captured", "exported", "failed", "dropped", "queued",
      "logs dropped");

  private FaultReport() {}

  static Report build(List<String> facts, List<AppKind> apps, List<AgentConfig> configs, List<FaultResult> results) {
    Report report = new Report("Collector faults", facts);
    for (AppKind app : apps) {
      for (AgentConfig config : configs) {
        List<FaultResult> runs = results.stream().filter(r -> r.app() == app && r.config() == config).toList();
        double healthy = median(runs, CollectorFault.NONE, FaultResult::throughput);
        Table table = new Table(HEADER);
        for (CollectorFault fault : CollectorFault.values()) {
          table.add(List.of(fault.name(),
              Format.withPercent(median(runs, fault, FaultResult::throughput), healthy, 0),
              Format.number(median(runs, fault, FaultResult::p99Micros), 0),
              Format.number(median(runs, fault, FaultResult::cpuMicrosPerRequest), 1),
              Format.number(median(runs, fault, r -> r.rssKb() / 1024.0), 1),
              Format.number(median(runs, fault, r -> r.heapAfterGcKb() / 1024.0), 1),
              counter(runs, fault, "spans.captured"),
              counter(runs, fault, "spans.exported"),
              counter(runs, fault, "spans.failed"),
              counter(runs, fault, "spans.dropped"),
              counter(runs, fault, "spans.queued"),
              counter(runs, fault, "logs.dropped")));
        }
        report.section(app.label + ", " + config.label, table);
      }
    }
    report.note("The app warms up against a healthy receiver; then the receiver plays the fault for the measured"
        + " window. Throughput in brackets: as % of the healthy collector (NONE). Heap after full GC: survivors +"
        + " eden + old generation (jstat -gc) after jcmd GC.run at the end of the window. The span counters are"
        + " Sidecar's own (status --json) at the end of the window, warm-up included: failed = lost in failed"
        + " exports, dropped = refused by a full queue. Medians over the rounds.");
    return report;
  }

  private static double median(List<FaultResult> runs, CollectorFault fault, ToDoubleFunction<FaultResult> figure) {
    return Stats.median(runs.stream().filter(r -> r.fault() == fault).map(r -> figure.applyAsDouble(r)).toList());
  }

  private static String counter(List<FaultResult> runs, CollectorFault fault, String name) {
    return Format.number(median(runs, fault, r -> r.counter(name)), 0);
  }
}
