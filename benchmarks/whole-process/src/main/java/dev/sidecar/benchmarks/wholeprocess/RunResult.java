package dev.sidecar.benchmarks.wholeprocess;

import java.util.Map;

/**
 * The figures of one app JVM under one configuration in one round.
 *
 * @param requests requests answered in the measured window
 * @param answered requests answered from the start-up probe to the end of the load, warm-up included
 * @param spansReceived spans the receiver got for all those requests (-1 without an agent)
 * @param logsReceived log records the receiver got for all those requests (-1 without an agent)
 * @param sidecarStatus Sidecar's counters after the window (empty for other configurations)
 * @param driverCpuPercent CPU this driver (load generator and receiver) used in the window, in % of one CPU:
 *     near the CPUs it is pinned to, the driver may have been the bottleneck
 * @param appCpuIdlePercent how long the app's CPU sat idle in the window, in %: above a few, the app
 *     was waiting for requests rather than saturated; NaN when the app is not pinned to a CPU
 * @param cpuByThread the CPU per request in µs, split by the kind of thread that spent it
 * @param warmupSeconds how long the warm-up before the window lasted: until the JIT compilers went quiet
 */
record RunResult(
    AppKind app, AgentConfig config, int round, double startupMillis, long rssWarmKb, long rssAfterKb,
    long requests, long errors, double throughput, double p50Micros, double p99Micros, double cpuMicrosPerRequest,
    long answered, long spansReceived, long logsReceived, Map<String, String> sidecarStatus,
    double driverCpuPercent, double appCpuIdlePercent, Map<ThreadCpu.Kind, Double> cpuByThread,
    double warmupSeconds) {

  /** Spans received per request answered, in %. */
  double spansPercent() {
    return spansReceived < 0 || answered == 0 ? Double.NaN : 100.0 * spansReceived / answered;
  }

  /** A counter from Sidecar's status, such as {@code spans.dropped}; NaN when not known. */
  double counter(String name) {
    return StatusCounters.value(sidecarStatus, name);
  }

  /** µs of CPU per request that threads of {@code kind} spent; NaN when not known. */
  double cpuMicros(ThreadCpu.Kind kind) {
    return cpuByThread.getOrDefault(kind, Double.NaN);
  }

  double logsPercent() {
    return logsReceived < 0 || answered == 0 ? Double.NaN : 100.0 * logsReceived / answered;
  }
}
