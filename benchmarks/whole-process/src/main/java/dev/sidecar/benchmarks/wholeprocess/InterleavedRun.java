package dev.sidecar.benchmarks.wholeprocess;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * One configuration of an app in the interleaved mode, in one JVM or pooled over the JVMs it ran in
 * one after another ({@link #pool}): its measured slices, and what it showed once the load was over.
 * Its figures pool the slices: requests over the time they took, CPU over the requests.
 *
 * @param slices the measured slices, in cycle order
 * @param warmupSeconds how long its warm-up lasted, until its JIT compilers went quiet (pooled: the median)
 * @param rssAfterKb its resident memory after its last cycle (pooled: the median)
 * @param answered requests it answered from the start-up probe to the end, warm-up and settling included
 * @param spansReceived spans its receiver got (-1 when not exported)
 * @param logsReceived log records its receiver got (-1 when not exported)
 * @param sidecarStatuses Sidecar's counters at the end, one map per JVM (empty for other configurations)
 */
record InterleavedRun(AppKind app, AgentConfig config, List<Slice> slices, double warmupSeconds, long rssAfterKb,
    long answered, long spansReceived, long logsReceived, List<Map<String, String>> sidecarStatuses) {

  /** The runs of one configuration's JVMs, in the order they ran, as one: slices together, counts summed. */
  static InterleavedRun pool(List<InterleavedRun> jvms) {
    InterleavedRun first = jvms.get(0);
    boolean spans = jvms.stream().allMatch(run -> run.spansReceived >= 0);
    boolean logs = jvms.stream().allMatch(run -> run.logsReceived >= 0);
    return new InterleavedRun(first.app, first.config, jvms.stream().flatMap(run -> run.slices.stream()).toList(),
        Stats.median(jvms.stream().map(InterleavedRun::warmupSeconds).toList()),
        Math.round(Stats.median(jvms.stream().map(run -> (double) run.rssAfterKb).toList())),
        jvms.stream().mapToLong(InterleavedRun::answered).sum(),
        spans ? jvms.stream().mapToLong(InterleavedRun::spansReceived).sum() : -1,
        logs ? jvms.stream().mapToLong(InterleavedRun::logsReceived).sum() : -1,
        jvms.stream().flatMap(run -> run.sidecarStatuses.stream()).toList());
  }

  /** How many JVMs its slices came from. */
  int jvms() {
    return slices.stream().mapToInt(Slice::jvm).max().orElse(0);
  }

  /** The slices of its JVM {@code jvm} alone, for their pooled figures; the other fields stay as they are. */
  InterleavedRun ofJvm(int jvm) {
    return new InterleavedRun(app, config, slices.stream().filter(s -> s.jvm() == jvm).toList(), warmupSeconds,
        rssAfterKb, answered, spansReceived, logsReceived, sidecarStatuses);
  }

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

  /** A counter from Sidecar's status, such as {@code spans.dropped}, summed over its JVMs; NaN when not known. */
  double counter(String name) {
    return sidecarStatuses.isEmpty() ? Double.NaN
        : sidecarStatuses.stream().mapToDouble(status -> StatusCounters.value(status, name)).sum();
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
