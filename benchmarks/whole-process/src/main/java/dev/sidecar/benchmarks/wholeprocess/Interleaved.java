package dev.sidecar.benchmarks.wholeprocess;

import dev.sidecar.testing.OtlpReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The interleaved mode: the JVMs of every configuration of one app started and warmed up, then the
 * load moved among them in slices of a few seconds, cycle after cycle, each cycle starting one
 * configuration later. A slow spell of the machine, which on a VM moves a whole run by a fifth,
 * then falls on every configuration alike, and each slice is set against the no-agent slice of
 * its cycle, seconds apart. The JVMs not under load are paused (SIGSTOP): idle, each still took up
 * to about 1 % of the app's CPU (timers, its agent's export loops), which fell on the JVM measured.
 * Each JVM exports to a receiver of its own, so that what it delivered is counted apart from the
 * others. All of it runs in several sets of fresh JVMs, one after another ({@link #run}).
 */
final class Interleaved {
  /**
   * Load before each slice is measured, on the slice's new connections: long enough for the JVM
   * measured before to finish exporting what its slice queued (an agent that exports a batch at a
   * time does so for some hundreds of milliseconds).
   */
  static final Duration SETTLE = Duration.ofSeconds(2);
  /**
   * Time without load after a slice before the JVM is paused, for its agent to export what the slice
   * queued: a JVM paused in the middle of an export would find its deadline passed when it resumes.
   * The slice's CPU counts up to the pause.
   */
  static final Duration DRAIN = Duration.ofSeconds(1);

  private final Options options;
  private final Bench bench;
  private final CpuPinning pinning;
  private final long ticksPerSecond;
  private final Consumer<String> progress;

  Interleaved(Options options, Bench bench, CpuPinning pinning, long ticksPerSecond, Consumer<String> progress) {
    this.options = options;
    this.bench = bench;
    this.pinning = pinning;
    this.ticksPerSecond = ticksPerSecond;
    this.progress = progress;
  }

  /**
   * Every configuration of {@code app} in a JVM of its own, {@code --jvms} times over, one set of JVMs
   * after another: the same code runs a few microseconds a request faster or slower from one JVM to
   * the next (what the JIT made of it), which one JVM per configuration would take for the agent's.
   * Each configuration's figures pool its JVMs.
   */
  List<InterleavedRun> run(AppKind app) {
    Map<AgentConfig, List<InterleavedRun>> byJvm = new EnumMap<>(AgentConfig.class);
    int firstCycle = 1;
    for (int jvm = 1; jvm <= options.jvms(); jvm++) {
      int cycles = cyclesOf(jvm);
      for (InterleavedRun run : runJvms(app, jvm, firstCycle, cycles)) {
        byJvm.computeIfAbsent(run.config(), c -> new ArrayList<>()).add(run);
      }
      firstCycle += cycles;
    }
    return options.configs().stream().map(config -> InterleavedRun.pool(byJvm.get(config))).toList();
  }

  /** The measured cycles the {@code jvm}th set of JVMs runs: the cycles shared out, the first sets taking the rest. */
  private int cyclesOf(int jvm) {
    return options.cycles() / options.jvms() + (jvm <= options.cycles() % options.jvms() ? 1 : 0);
  }

  /**
   * One JVM for every configuration of {@code app}, warmed up one after the other; then {@code cycles}
   * measured cycles, numbered from {@code firstCycle}, after one that is not measured (each JVM's first
   * slice on new connections after its warm-up).
   */
  private List<InterleavedRun> runJvms(AppKind app, int jvmNumber, int firstCycle, int cycles) {
    Map<AgentConfig, OtlpReceiver> receivers = new EnumMap<>(AgentConfig.class);
    Map<AgentConfig, AppUnderTest> jvms = new EnumMap<>(AgentConfig.class);
    String which = options.jvms() > 1 ? " (JVM " + jvmNumber + "/" + options.jvms() + ")" : "";
    try {
      for (AgentConfig config : options.configs()) {
        OtlpReceiver receiver = OtlpReceiver.startCounting();
        receivers.put(config, receiver);
        AppUnderTest jvm = bench.start(app, config, "interleaved", pinning.appPrefix(), receiver);
        jvms.put(config, jvm);
        jvm.pause();
      }
      Map<AgentConfig, Long> answered = new EnumMap<>(AgentConfig.class);
      Map<AgentConfig, Double> warmups = new EnumMap<>(AgentConfig.class);
      for (AgentConfig config : options.configs()) {
        AppUnderTest jvm = jvms.get(config);
        jvm.resume();
        JitSettled warmUp = new JitSettled(() -> jvm.threadTicks().get(ThreadCpu.Kind.JIT), ticksPerSecond,
            options.warmup(), options.warmupMax());
        LoadResult warm = bench.load(jvm, warmUp, SETTLE, () -> {});
        hold(DRAIN);
        jvm.pause();
        // The start-up probe's request made a span and a log record too.
        answered.put(config, 1 + warm.allRequests());
        warmups.put(config, warm.warmupNanos() / 1e9);
        progress.accept(String.format("[%s] %s%s: warmed up in %s s", app.label, config.label, which,
            Format.number(warm.warmupNanos() / 1e9, 1)));
      }
      Map<AgentConfig, List<Slice>> slices = new EnumMap<>(AgentConfig.class);
      for (int turn = 0; turn <= cycles; turn++) {
        // Turn 0 settles and is not measured (cycle 0); each turn starts one configuration later.
        int rotation = firstCycle + turn - 1;
        int cycle = turn == 0 ? 0 : rotation;
        for (AgentConfig config : Main.rotated(options.configs(), rotation)) {
          Measured measured = slice(config, cycle, jvmNumber, jvms);
          answered.merge(config, measured.answered, Long::sum);
          if (turn > 0) {
            slices.computeIfAbsent(config, c -> new ArrayList<>()).add(measured.slice);
          }
          progress.accept(progressLine(app, measured.slice, which));
        }
      }
      jvms.values().forEach(AppUnderTest::resume);
      List<InterleavedRun> runs = new ArrayList<>();
      for (AgentConfig config : options.configs()) {
        AppUnderTest jvm = jvms.get(config);
        OtlpReceiver receiver = receivers.get(config);
        long rss = jvm.rssKb();
        long spans = Bench.receivedSpans(config, receiver, answered.get(config));
        long logs = bench.receivedLogs(config, receiver, answered.get(config));
        runs.add(new InterleavedRun(app, config, slices.get(config), warmups.get(config), rss, answered.get(config),
            spans, logs, config.sidecar() ? List.of(bench.sidecarStatus(config, jvm)) : List.of()));
      }
      return runs;
    } finally {
      jvms.values().forEach(AppUnderTest::close);
      receivers.values().forEach(OtlpReceiver::close);
    }
  }

  private record Measured(Slice slice, long answered) {}

  /**
   * Resumes {@code config}'s JVM, loads it for {@link #SETTLE}, measures it over one slice, and
   * pauses it again after {@link #DRAIN}.
   */
  private Measured slice(AgentConfig config, int cycle, int jvmNumber, Map<AgentConfig, AppUnderTest> jvms) {
    AppUnderTest jvm = jvms.get(config);
    jvm.resume();
    WindowStart window = new WindowStart(jvm, pinning.pinned());
    long[] othersAtStart = new long[1];
    LoadResult load = bench.load(jvm, () -> hold(SETTLE), options.slice(), () -> {
      window.take();
      othersAtStart[0] = othersTicks(jvms, config);
    });
    ProcFiles.CpuTicks appCpu = window.appCpuSince();
    hold(DRAIN);
    long cpuTicks = jvm.cpuTicks() - window.cpuTicks;
    Map<ThreadCpu.Kind, Double> byKind = new EnumMap<>(ThreadCpu.Kind.class);
    ThreadCpu.spent(window.threadTicks, jvm.threadTicks(), cpuTicks)
        .forEach((kind, ticks) -> byKind.put(kind, micros(ticks)));
    double othersMicros = micros(othersTicks(jvms, config) - othersAtStart[0]);
    jvm.pause();
    Slice slice = new Slice(config, cycle, jvmNumber, load.requests(), load.errors(), load.nanos(),
        load.latencies(), micros(cpuTicks), byKind, appCpu, othersMicros);
    return new Measured(slice, load.allRequests());
  }

  private static void hold(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchmarkException("interrupted between slices");
    }
  }

  /** CPU ticks so far of every JVM but {@code loaded}'s. */
  private static long othersTicks(Map<AgentConfig, AppUnderTest> jvms, AgentConfig loaded) {
    long ticks = 0;
    for (Map.Entry<AgentConfig, AppUnderTest> entry : jvms.entrySet()) {
      if (entry.getKey() != loaded) {
        ticks += entry.getValue().cpuTicks();
      }
    }
    return ticks;
  }

  private double micros(long ticks) {
    return ticks * 1e6 / ticksPerSecond;
  }

  private String progressLine(AppKind app, Slice slice, String jvm) {
    String which = (slice.cycle() == 0 ? "settling cycle" : "cycle " + slice.cycle() + "/" + options.cycles()) + jvm;
    return String.format("[%s] %s, %s: %s req/s, CPU %s µs/req (%s), errors %d, app's CPU idle %s %%,"
        + " waiting JVMs %s %% of a CPU",
        which, app.label, slice.config().label, Format.number(slice.throughput(), 0),
        Format.number(slice.cpuMicrosPerRequest(), 1), ThreadCpu.describe(slice::cpuMicrosPerRequest), slice.errors(),
        Format.number(slice.appCpu().idlePercent(), 1),
        Format.number(slice.othersCpuMicros() / 1e4 / (slice.nanos() / 1e9), 1));
  }
}
