package dev.sidecar.benchmarks.wholeprocess;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The interleaved mode's report: per app, each configuration's slices pooled, and each slice set
 * against the no-agent slice of its cycle.
 */
final class InterleavedReport {
  private static final List<String> HEADER = List.of("configuration", "throughput req/s",
      "per cycle, % of no agent", "p50 µs", "p99 µs", "CPU µs/req", "per cycle, CPU added", "RSS after MiB",
      "spans/req", "logs/req");

  private InterleavedReport() {}

  static Report build(List<String> facts, List<AppKind> apps, List<InterleavedRun> runs) {
    Report report = new Report("Whole-process benchmark, interleaved", facts);
    List<String> cycles = new ArrayList<>();
    for (AppKind app : apps) {
      List<InterleavedRun> ofApp = runs.stream().filter(r -> r.app() == app).toList();
      InterleavedRun none = ofApp.stream().filter(r -> r.config() == AgentConfig.NONE).findFirst().orElse(null);
      Table table = new Table(HEADER);
      for (InterleavedRun run : ofApp) {
        boolean agent = run != none && none != null;
        List<Double> throughput = agent ? throughputPercent(run, none) : List.of();
        List<Double> cpu = agent ? cpuAddedMicros(run, none) : List.of();
        table.add(List.of(run.config().label,
            Format.withPercent(run.throughput(), base(none, InterleavedRun::throughput), 0),
            agent ? middle(throughput, 1, false) : "-",
            Format.withDelta(run.p50Micros(), base(none, InterleavedRun::p50Micros), 0),
            Format.withDelta(run.p99Micros(), base(none, InterleavedRun::p99Micros), 0),
            Format.withDelta(run.cpuMicrosPerRequest(), base(none, InterleavedRun::cpuMicrosPerRequest), 1),
            agent ? middle(cpu, 1, true) : "-",
            Format.withDelta(run.rssAfterKb() / 1024.0, base(none, r -> r.rssAfterKb() / 1024.0), 1),
            percent(run.spansPercent()),
            percent(run.logsPercent())));
        if (agent) {
          cycles.add(app.label + ", " + run.config().label + ", each cycle against the no-agent slice of the same"
              + " cycle: throughput " + join(throughput, 0, false) + " %, CPU " + join(cpu, 1, true) + " µs/req;"
              + perJvm(run, none)
              + " errors " + run.errors() + (run.sidecarStatuses().isEmpty() ? "" : "; Sidecar dropped "
              + Format.number(run.counter("spans.dropped"), 0) + " spans, failed to export "
              + Format.number(run.counter("spans.failed"), 0)) + ".");
        }
      }
      report.section(app.label, table);
      report.section(app.label + ": CPU µs/req by thread", threadTable(ofApp, none));
    }
    report.note("Every configuration's JVM of an app runs at once, pinned to the app's CPU; each is warmed up until"
        + " its JIT compilers go quiet, then the load moves among them in slices, one cycle after another, each"
        + " cycle starting one configuration later; a slice is " + Interleaved.SETTLE.toSeconds() + " s of load on"
        + " new connections, then the measured seconds. The first cycle is not measured. throughput, p50, p99 and"
        + " CPU µs/req pool the measured slices: all their requests over all their time, all their CPU over all"
        + " their requests; in brackets, the difference from no agent (throughput: as % of it). per cycle: each"
        + " slice against the no-agent slice of the same cycle, seconds apart; the median, and in brackets the"
        + " middle half of the cycles (25th to 75th percentile). RSS after: VmRSS after the last cycle."
        + " spans/req and logs/req: what the JVM's own receiver got per request it answered, from the start-up"
        + " probe to the end. waiting JVMs: the CPU the other configurations' JVMs used during this one's slices."
        + " With several JVMs per configuration (--jvms), one set after another, each configuration's figures pool"
        + " its JVMs' slices (RSS and warm-up: the median of its JVMs), and each agent's line below gives each"
        + " JVM's own.");
    cycles.forEach(report::note);
    return report;
  }

  /** Each measured slice's throughput as % of the no-agent slice of its cycle, in cycle order. */
  static List<Double> throughputPercent(InterleavedRun run, InterleavedRun none) {
    List<Double> ratios = new ArrayList<>();
    for (Slice slice : run.slices()) {
      none.slice(slice.cycle()).filter(base -> base.throughput() > 0)
          .ifPresent(base -> ratios.add(100 * slice.throughput() / base.throughput()));
    }
    return ratios;
  }

  /** The CPU per request each measured slice added to the no-agent slice of its cycle, in cycle order. */
  static List<Double> cpuAddedMicros(InterleavedRun run, InterleavedRun none) {
    List<Double> added = new ArrayList<>();
    for (Slice slice : run.slices()) {
      none.slice(slice.cycle())
          .ifPresent(base -> added.add(slice.cpuMicrosPerRequest() - base.cpuMicrosPerRequest()));
    }
    return added;
  }

  /**
   * Each JVM's slices pooled against those of the no-agent JVM of the same set: throughput as % of
   * it, and the CPU per request its application threads added; empty with one JVM per configuration.
   */
  static String perJvm(InterleavedRun run, InterleavedRun none) {
    int jvms = Math.min(run.jvms(), none.jvms());
    if (jvms < 2) {
      return "";
    }
    List<Double> throughput = new ArrayList<>();
    List<Double> application = new ArrayList<>();
    for (int jvm = 1; jvm <= jvms; jvm++) {
      InterleavedRun own = run.ofJvm(jvm);
      InterleavedRun base = none.ofJvm(jvm);
      throughput.add(100 * own.throughput() / base.throughput());
      application.add(own.cpuMicros(ThreadCpu.Kind.APPLICATION) - base.cpuMicros(ThreadCpu.Kind.APPLICATION));
    }
    return " each JVM against the no-agent JVM of its set, their slices pooled: throughput "
        + join(throughput, 1, false) + " %, application threads " + join(application, 1, true) + " µs/req;";
  }

  /** "88.5 (86.0 to 90.2)": the median, and the 25th to 75th percentile. */
  static String middle(List<Double> values, int decimals, boolean signed) {
    if (values.isEmpty()) {
      return "-";
    }
    return format(Stats.median(values), decimals, signed) + " ("
        + format(Stats.percentile(values, 25), decimals, signed)
        + " to " + format(Stats.percentile(values, 75), decimals, signed) + ")";
  }

  private static Table threadTable(List<InterleavedRun> ofApp, InterleavedRun none) {
    List<String> header = new ArrayList<>(List.of("configuration"));
    for (ThreadCpu.Kind kind : ThreadCpu.Kind.values()) {
      header.add(kind.label);
    }
    header.addAll(List.of("app's CPU idle %", "waiting JVMs % of a CPU", "warm-up s"));
    Table table = new Table(header);
    for (InterleavedRun run : ofApp) {
      List<String> row = new ArrayList<>(List.of(run.config().label));
      for (ThreadCpu.Kind kind : ThreadCpu.Kind.values()) {
        row.add(Format.withDelta(run.cpuMicros(kind), base(none, r -> r.cpuMicros(kind)), 1));
      }
      row.add(Format.number(run.appCpuIdlePercent(), 1));
      row.add(Format.number(run.othersCpuPercent(), 1));
      row.add(Format.withDelta(run.warmupSeconds(), base(none, InterleavedRun::warmupSeconds), 1));
      table.add(row);
    }
    return table;
  }

  private static double base(InterleavedRun none, ToDoubleFunction<InterleavedRun> figure) {
    return none == null ? Double.NaN : figure.applyAsDouble(none);
  }

  private static String format(double value, int decimals, boolean signed) {
    return signed ? Format.delta(value, decimals) : Format.number(value, decimals);
  }

  private static String percent(double value) {
    return Double.isNaN(value) ? "-" : Format.number(value, 1) + " %";
  }

  private static String join(List<Double> values, int decimals, boolean signed) {
    return values.stream().map(v -> format(v, decimals, signed)).collect(Collectors.joining(", "));
  }
}
