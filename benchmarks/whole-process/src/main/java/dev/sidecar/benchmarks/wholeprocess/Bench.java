package dev.sidecar.benchmarks.wholeprocess;

import dev.sidecar.testing.CollectorFault;
import dev.sidecar.testing.OtlpReceiver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/** Runs one app JVM under one configuration through start-up, warm-up and the measured window. */
final class Bench {
  // Longer than any agent's default export delay (spans: 5 s): a batch that is still coming arrives within it.
  private static final Duration EXPORT_QUIET = Duration.ofSeconds(6);
  private static final Duration EXPORT_SETTLE_TIMEOUT = Duration.ofSeconds(30);
  private static final long POLL_MILLIS = 50;

  private final Options options;
  private final Artifacts artifacts;
  private final CpuPinning pinning;
  private final OtlpReceiver receiver;
  private final JvmTools tools;
  private final long ticksPerSecond;
  private final Path logs;
  private final Path profiles;

  Bench(Options options, Artifacts artifacts, CpuPinning pinning, OtlpReceiver receiver, long ticksPerSecond) {
    this.options = options;
    this.artifacts = artifacts;
    this.pinning = pinning;
    this.receiver = receiver;
    this.tools = new JvmTools(options.java());
    this.ticksPerSecond = ticksPerSecond;
    this.logs = artifacts.targetDir().resolve("whole-process-logs");
    this.profiles = artifacts.targetDir().resolve("whole-process-profiles");
  }

  /** Start-up, memory, throughput, latency, CPU per request and spans received, for one round. */
  RunResult measure(AppKind app, AgentConfig config, int round) {
    receiver.reset();
    // Start-up on every CPU the machine has, as a service starts, in launches of their own: the pinned
    // JVM below sizes itself (GC, compiler threads) for the one CPU it gets under load. The median of
    // a few: one launch on a VM moves by a hundred milliseconds and more.
    List<Double> startups = new ArrayList<>();
    for (int launch = 1; launch <= options.startups(); launch++) {
      try (AppUnderTest jvm = start(app, config, "round" + round + "-startup" + launch, pinning.allCpusPrefix())) {
        startups.add(jvm.startupMillis());
      }
    }
    double startupMillis = Stats.median(startups);
    receiver.reset();
    try (AppUnderTest jvm = start(app, config, "round" + round, pinning.appPrefix())) {
      WindowStart window = new WindowStart(jvm, pinning.pinned());
      JitSettled warmUp = new JitSettled(() -> jvm.threadTicks().get(ThreadCpu.Kind.JIT), ticksPerSecond,
          options.warmup(), options.warmupMax());
      LoadResult measured = load(jvm, warmUp, options.measure(), window::take);
      long cpuTicks = jvm.cpuTicks() - window.cpuTicks;
      Map<ThreadCpu.Kind, Double> cpuByThread =
          ThreadCpu.split(window.threadTicks, jvm.threadTicks(), cpuTicks, ticksPerSecond, measured.requests());
      double driverCpuPercent = window.driverCpuPercent(ticksPerSecond, measured.nanos());
      double appCpuIdlePercent = window.appCpuIdlePercent();
      long rssAfter = jvm.rssKb();
      // Every request answered, the start-up probe's too, makes one span, and one log record unless --no-logs.
      long answered = measured.allRequests() + 1;
      long spans = receivedSpans(config, receiver, answered);
      long logs = receivedLogs(config, receiver, answered);
      // Asked only now: the command attaches to the JVM, which must not disturb the measurements.
      Map<String, String> status = sidecarStatus(config, jvm);
      double cpuMicrosPerRequest = cpuMicrosPerRequest(cpuTicks, measured.requests());
      if (options.profile()) {
        profile(app, config, round, jvm, cpuMicrosPerRequest);
      }
      return new RunResult(app, config, round, startupMillis, window.rssKb, rssAfter, measured.requests(),
          measured.errors(), measured.throughput(), measured.p50Micros(), measured.p99Micros(),
          cpuMicrosPerRequest, answered, spans, logs, status, driverCpuPercent,
          appCpuIdlePercent, cpuByThread, measured.warmupNanos() / 1e9);
    }
  }

  /**
   * A window of its own after the measured one, under the same load, with the profiler attached:
   * the profiler's own cost stays out of the run's figures, and its samples are set against the
   * measured window's CPU a request.
   */
  private void profile(AppKind app, AgentConfig config, int round, AppUnderTest jvm, double cpuMicrosPerRequest) {
    WindowProfile.start(jvm.pid());
    load(jvm, options.measure());
    Path collapsed = WindowProfile.stop(jvm.pid(),
        profiles.resolve(app.id + "-" + config.id + "-round" + round + ".collapsed"));
    System.out.println("[profile] " + app.label + ", " + config.label + ": "
        + ProfileSummary.read(collapsed).describe(cpuMicrosPerRequest, collapsed));
  }

  /**
   * Warms up against a healthy receiver, then measures with the receiver playing {@code fault};
   * ends with a full GC and the heap it leaves, and Sidecar's own counters.
   */
  FaultResult measureFault(AppKind app, AgentConfig config, CollectorFault fault, int round) {
    receiver.fault(CollectorFault.NONE);
    try (AppUnderTest jvm = start(app, config, "round" + round + "-" + fault.name().toLowerCase(Locale.ROOT),
        pinning.appPrefix())) {
      load(jvm, options.warmup());
      receiver.fault(fault);
      long cpuBefore = jvm.cpuTicks();
      LoadResult measured = load(jvm, options.measure());
      long cpuTicks = jvm.cpuTicks() - cpuBefore;
      long rss = jvm.rssKb();
      long heap = tools.heapUsedAfterFullGcKb(jvm.pid());
      Map<String, String> status = sidecarStatus(config, jvm);
      return new FaultResult(app, config, fault, round, measured.requests(), measured.errors(), measured.throughput(),
          measured.p99Micros(), cpuMicrosPerRequest(cpuTicks, measured.requests()), rss, heap, status);
    } finally {
      receiver.fault(CollectorFault.NONE);
    }
  }

  /** Sidecar's counters, asked through the attach API; empty for other configurations. */
  Map<String, String> sidecarStatus(AgentConfig config, AppUnderTest jvm) {
    return config.sidecar() ? tools.sidecarStatus(artifacts.agentJar(config), jvm.pid()) : Map.of();
  }

  private AppUnderTest start(AppKind app, AgentConfig config, String tag, List<String> prefix) {
    return start(app, config, tag, prefix, receiver);
  }

  /** Launches {@code app} under {@code config}, exporting to {@code to}, and waits for its first answer. */
  AppUnderTest start(AppKind app, AgentConfig config, String tag, List<String> prefix, OtlpReceiver to) {
    int port = freePort();
    List<String> command = new ArrayList<>(prefix);
    command.add(options.java().toString());
    command.addAll(config.jvmOptions(artifacts, to.httpEndpoint(), "hello-" + app.id));
    if (!options.logs()) {
      // Read by the apps (QuietLogging.perRequest), whose classes this jar leaves out.
      command.add("-Dhello.logs=false");
    }
    if (options.profile()) {
      command.addAll(WindowProfile.JVM_OPTIONS);
    }
    // Last, so that a system property given here overrides the configuration's own.
    command.addAll(options.jvmArgs());
    command.add("-jar");
    command.add(artifacts.appJar(app).toString());
    command.add(Integer.toString(port));
    if (app == AppKind.TOMCAT) {
      command.add(artifacts.targetDir().resolve("tomcat-hello-base").toString());
    }
    String name = app.label + " (" + config.label + ")";
    return AppUnderTest.start(command, port, name, logFile(app, config, tag));
  }

  private LoadResult load(AppUnderTest jvm, Duration duration) {
    return load(jvm, LoadGenerator.WarmUp.NONE, duration, () -> {});
  }

  LoadResult load(AppUnderTest jvm, LoadGenerator.WarmUp warmUp, Duration window, Runnable atWindowStart) {
    LoadResult result = new LoadGenerator(jvm.port(), options.connections()).run(warmUp, window, atWindowStart);
    if (result.requests() == 0 || !jvm.alive()) {
      throw new BenchmarkException("the app served " + result.requests() + " requests under load ("
          + result.errors() + " errors" + (jvm.alive() ? "" : ", and it ended") + "); see " + logs);
    }
    return result;
  }

  private double cpuMicrosPerRequest(long ticks, long requests) {
    return ticks * 1e6 / ticksPerSecond / requests;
  }

  /** Spans {@code receiver} got once the export settled: one per request answered; -1 when not exported. */
  static long receivedSpans(AgentConfig config, OtlpReceiver receiver, long answered) {
    return config.exports() ? awaitCount(receiver::spanCount, answered) : -1;
  }

  /**
   * Log records {@code receiver} got once the export settled: one per request unless --no-logs; -1
   * when not exported.
   */
  long receivedLogs(AgentConfig config, OtlpReceiver receiver, long answered) {
    if (!config.exports()) {
      return -1;
    }
    return options.logs() ? awaitCount(receiver::logCount, answered) : receiver.logCount();
  }

  /**
   * Polls until {@code count} reaches {@code target}; or, when an agent dropped some, until nothing
   * more arrived for longer than the agents' longest export delay; returns the count then.
   */
  static long awaitCount(LongSupplier count, long target) {
    long start = System.nanoTime();
    long lastChange = start;
    long current = count.getAsLong();
    while (current < target) {
      long now = System.nanoTime();
      if (now - lastChange > EXPORT_QUIET.toNanos() || now - start > EXPORT_SETTLE_TIMEOUT.toNanos()) {
        break;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BenchmarkException("interrupted while waiting for the export");
      }
      long next = count.getAsLong();
      if (next != current) {
        lastChange = System.nanoTime();
        current = next;
      }
    }
    return current;
  }

  private Path logFile(AppKind app, AgentConfig config, String tag) {
    try {
      Files.createDirectories(logs);
    } catch (IOException e) {
      throw new BenchmarkException("cannot create " + logs + ": " + e.getMessage());
    }
    return logs.resolve(tag + "-" + app.id + "-" + config.id + ".log");
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new BenchmarkException("cannot find a free port on loopback: " + e.getMessage());
    }
  }
}
