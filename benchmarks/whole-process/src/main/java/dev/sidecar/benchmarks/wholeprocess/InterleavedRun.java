package dev.sidecar.benchmarks.wholeprocess;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * One app JVM under one configuration in the interleaved mode: its measured slices, and what it
 * showed once the load was over. Its figures pool the slices: requests over the time they took, CPU
 * over the requests.
 *
 * @param slices the measured slices, in cycle order
 * @param warmupSeconds how long its warm-up lasted: until its JIT compilers went quiet
 * @param rssAfterKb its resident memory after the last cycle
 * @param answered requests it answered from the start-up probe to the end, warm-up and settling included
 * @param spansReceived spans its receiver got (-1 without an agent)
 * @param logsReceived log records its receiver got (-1 without an agent)
 * @param sidecarStatus Sidecar's counters at the end (empty for other configurations)
 */
record InterleavedRun(AppKind app, AgentConfig config, List<Slice> slices, double warmupSeconds, long rssAfterKb,
    long answered, long spansReceived, long logsReceived, Map<String, String> sidecarStatus) {

  double throughput() {
    long nanos = sum(Slice::nanos);
    return nanos == 0 ? Double.NaN : sum(Slice::requests) * 1e9 / nanos;
  }

  double cpuMicrosPerRequest() {
    return perRequest(Slice::cpuMicros);
  }

  double cpuMicros(ThreadCpu.Kind kind) {
    return perRequest(s -> s.cpuMicrosByKind().getOrDefault(kind, Double.NaN));
  }

  double p50Micros() {
    return Stats.percentile(latencies(), 50) / 1e3;
  }

  double p99Micros() {
    return Stats.percentile(latencies(), 99) / 1e3;
  }

  /** How long the app's CPU sat idle over the slices, in %; NaN when the app is not pinned. */
  double appCpuIdlePercent() {
    return new ProcFiles.CpuTicks(sum(s -> s.appCpu().idle()), sum(s -> s.appCpu().total())).idlePercent();
  }

  /** The CPU the waiting JVMs used during this JVM's slices, in % of one CPU. */
  double othersCpuPercent() {
    long nanos = sum(Slice::nanos);
    return nanos == 0 ? Double.NaN : 100.0 * slices.stream().mapToDouble(Slice::othersCpuMicros).sum() * 1e3 / nanos;
  }

  double spansPercent() {
    return spansReceived < 0 || answered == 0 ? Double.NaN : 100.0 * spansReceived / answered;
  }

  double logsPercent() {
    return logsReceived < 0 || answered == 0 ? Double.NaN : 100.0 * logsReceived / answered;
  }

  long errors() {
    return sum(Slice::errors);
  }

  /** A counter from Sidecar's status, such as {@code spans.dropped}; NaN when not known. */
  double counter(String name) {
    return StatusCounters.value(sidecarStatus, name);
  }

  Optional<Slice> slice(int cycle) {
    return slices.stream().filter(s -> s.cycle() == cycle).findFirst();
  }

  private long[] latencies() {
    return Stats.sortedConcat(slices.stream().map(Slice::latencies).toList());
  }

  private double perRequest(ToDoubleFunction<Slice> micros) {
    long requests = sum(Slice::requests);
    return requests == 0 ? Double.NaN : slices.stream().mapToDouble(micros).sum() / requests;
  }

  private long sum(ToLongFunction<Slice> figure) {
    return slices.stream().mapToLong(figure).sum();
  }
}
