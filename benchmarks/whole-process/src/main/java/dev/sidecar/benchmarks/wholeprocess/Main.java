package dev.sidecar.benchmarks.wholeprocess;

import dev.sidecar.testing.CollectorFault;
import dev.sidecar.testing.OtlpReceiver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The whole-process benchmark: hello-world apps in JVMs of their own, with no agent, with Sidecar
 * and with the OpenTelemetry agent, under closed-loop load; or, with {@code --faults}, Sidecar under
 * load while the collector misbehaves. See this module's README.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    try {
      System.exit(run(args));
    } catch (BenchmarkException e) {
      System.err.println("whole-process: " + e.getMessage());
      System.exit(1);
    }
  }

  private static int run(String[] args) {
    int cpus = Runtime.getRuntime().availableProcessors();
    Options options = Options.parse(args);
    if (options.help()) {
      System.out.println(Options.USAGE);
      return 0;
    }
    Artifacts artifacts = Artifacts.locate(options.sidecarAgent(), options.otelAgent(), options.baselineAgent());
    artifacts.check(options.apps(), options.configs());
    CpuPinning pinning = CpuPinning.apply(cpus);
    List<String> facts = facts(options, artifacts, pinning, cpus, args);
    facts.forEach(System.out::println);
    try (OtlpReceiver receiver = OtlpReceiver.startCounting()) {
      Bench bench = new Bench(options, artifacts, pinning, receiver, Machine.clockTicksPerSecond());
      Report report;
      String file;
      if (options.interleaved()) {
        Interleaved interleaved =
            new Interleaved(options, bench, pinning, Machine.clockTicksPerSecond(), System.out::println);
        List<InterleavedRun> runs = new ArrayList<>();
        options.apps().forEach(app -> runs.addAll(interleaved.run(app)));
        report = InterleavedReport.build(facts, options.apps(), runs);
        file = "whole-process-interleaved-report.md";
      } else if (options.faults()) {
        report = FaultReport.build(facts, options.apps(), options.configs(), faults(options, bench));
        file = "whole-process-faults-report.md";
      } else {
        report = ComparisonReport.build(facts, options.apps(), options.configs(), compare(options, bench));
        file = "whole-process-report.md";
      }
      System.out.println();
      System.out.print(report.text());
      Path markdown = artifacts.targetDir().resolve(file);
      write(markdown, report.markdown());
      System.out.println("Markdown: " + markdown);
    }
    return 0;
  }

  /** Every app under every configuration, once per round; each round starts one configuration later. */
  private static List<RunResult> compare(Options options, Bench bench) {
    List<RunResult> results = new ArrayList<>();
    for (int round = 1; round <= options.rounds(); round++) {
      for (AppKind app : options.apps()) {
        for (AgentConfig config : rotated(options.configs(), round - 1)) {
          RunResult r = bench.measure(app, config, round);
          results.add(r);
          System.out.printf("[round %d/%d] %s, %s: start-up %s ms, warm-up %s s, RSS %s MiB, %s req/s, p50 %s µs, p99 %s µs,"
                  + " CPU %s µs/req (%s), spans received %s%s, errors %d, driver CPU %s %%, app's CPU idle %s %%%n", round, options.rounds(), app.label,
              config.label, Format.number(r.startupMillis(), 0), Format.number(r.warmupSeconds(), 1),
              Format.number(r.rssAfterKb() / 1024.0, 1),
              Format.number(r.throughput(), 0), Format.number(r.p50Micros(), 0), Format.number(r.p99Micros(), 0),
              Format.number(r.cpuMicrosPerRequest(), 1), ThreadCpu.describe(r::cpuMicros),
              r.spansReceived() < 0 ? "-" : r.spansReceived() + "/" + r.answered(),
              r.sidecarStatus().isEmpty() ? "" : " (Sidecar: " + Format.number(r.counter("spans.dropped"), 0)
                  + " dropped, " + Format.number(r.counter("spans.failed"), 0) + " failed)", r.errors(),
              Format.number(r.driverCpuPercent(), 0), Format.number(r.appCpuIdlePercent(), 1));
        }
      }
    }
    return results;
  }

  private static List<FaultResult> faults(Options options, Bench bench) {
    List<FaultResult> results = new ArrayList<>();
    for (int round = 1; round <= options.rounds(); round++) {
      for (AppKind app : options.apps()) {
        for (AgentConfig config : options.configs()) {
          for (CollectorFault fault : rotated(Arrays.asList(CollectorFault.values()), round - 1)) {
            FaultResult r = bench.measureFault(app, config, fault, round);
            results.add(r);
            System.out.printf("[round %d/%d] %s, %s, collector %s: %s req/s, p99 %s µs, RSS %s MiB,"
                    + " heap after GC %s MiB, spans dropped %s, failed %s, errors %d%n", round, options.rounds(),
                app.label, config.label, fault, Format.number(r.throughput(), 0), Format.number(r.p99Micros(), 0),
                Format.number(r.rssKb() / 1024.0, 1), Format.number(r.heapAfterGcKb() / 1024.0, 1),
                Format.number(r.counter("spans.dropped"), 0), Format.number(r.counter("spans.failed"), 0), r.errors());
          }
        }
      }
    }
    return results;
  }

  static <T> List<T> rotated(List<T> items, int by) {
    List<T> rotated = new ArrayList<>(items);
    if (!rotated.isEmpty()) {
      java.util.Collections.rotate(rotated, -(by % rotated.size()));
    }
    return rotated;
  }

  private static List<String> facts(
      Options options, Artifacts artifacts, CpuPinning pinning, int cpus, String[] args) {
    List<String> facts = new ArrayList<>();
    facts.add("date: " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
    facts.add("command: " + ProcessHandle.current().info().commandLine()
        .orElse("java -jar whole-process.jar " + String.join(" ", args)));
    facts.add("apps' JDK: " + Machine.jdk(options.java()) + "; JVM options: " + String.join(" ", options.jvmArgs()));
    facts.add("CPUs: " + cpus + " (nproc), " + Machine.cpuModel());
    facts.add("pinning: " + pinning.description());
    facts.add(options.interleaved() ? interleavedLoadFact(options) : loadFact(options));
    facts.add("apps: each request " + (options.logs() ? "logs one java.util.logging INFO record"
        : "logs nothing (--no-logs): one server span a request, no log record"));
    if (options.configs().stream().anyMatch(AgentConfig::sidecar)) {
      facts.add("Sidecar agent: " + Machine.jarVersion(artifacts.sidecarAgent()) + ", "
          + Format.mib(Artifacts.size(artifacts.sidecarAgent())));
    }
    if (options.configs().contains(AgentConfig.SIDECAR_BASELINE)) {
      facts.add("Sidecar baseline agent: " + Machine.jarVersion(artifacts.baselineAgent()) + ", "
          + Format.mib(Artifacts.size(artifacts.baselineAgent())) + ", " + artifacts.baselineAgent());
    }
    if (options.configs().stream().anyMatch(c -> c == AgentConfig.OTEL_HTTP_LOGS || c == AgentConfig.OTEL_DEFAULTS)) {
      facts.add("OpenTelemetry agent: " + Machine.jarVersion(artifacts.otelAgent()) + ", "
          + Format.mib(Artifacts.size(artifacts.otelAgent())) + "; HTTP+JUL only = "
          + "otel.instrumentation.common.default-enabled=false and "
          + String.join(", ", AgentConfig.OTEL_HTTP_LOGS_INSTRUMENTATIONS) + " enabled");
    }
    facts.add("export: OTLP http/protobuf to "
        + (options.interleaved() ? "a local receiver per JVM" : "one local receiver")
        + ", traces and logs (OTel metrics off), default batch settings for every agent");
    return facts;
  }

  private static String loadFact(Options options) {
    return "load: " + options.connections() + " keep-alive connections, closed loop, GET /hello; warm-up "
        + options.warmup().toSeconds() + " s, then until the JIT compilers use at most "
        + Format.number(JitSettled.QUIET_SHARE * 100, 0) + " % of a CPU over " + JitSettled.QUIET_SPAN.toSeconds()
        + " s, " + options.warmupMax().toSeconds() + " s at most; measured " + options.measure().toSeconds() + " s; "
        + options.rounds() + (options.rounds() == 1 ? " round" : " rounds, medians") + "; start-up: "
        + (options.startups() == 1 ? "1 launch" : "median of " + options.startups() + " launches") + " a round";
  }

  private static String interleavedLoadFact(Options options) {
    return "load: " + options.connections() + " keep-alive connections, closed loop, GET /hello; every"
        + " configuration's JVM started, each warmed up for " + options.warmup().toSeconds() + " s, then until its JIT"
        + " compilers use at most " + Format.number(JitSettled.QUIET_SHARE * 100, 0) + " % of a CPU over "
        + JitSettled.QUIET_SPAN.toSeconds() + " s, " + options.warmupMax().toSeconds() + " s at most; then "
        + options.cycles() + " measured cycles (after one that is not), a slice of each configuration per cycle: "
        + Interleaved.SETTLE.toSeconds() + " s of load on new connections, then " + options.slice().toSeconds()
        + " s measured" + (options.jvms() == 1 ? "" : "; " + options.jvms() + " JVMs per configuration, one set after"
        + " another, each set started, warmed up and given its share of the cycles (after one not measured)");
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BenchmarkException("cannot write " + file + ": " + e.getMessage());
    }
  }
}
