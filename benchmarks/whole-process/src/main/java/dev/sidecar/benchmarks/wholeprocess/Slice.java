package dev.sidecar.benchmarks.wholeprocess;

import java.util.Map;

/**
 * One measured slice of the interleaved mode: one app JVM under load for a few seconds while the
 * JVMs of the other configurations wait.
 *
 * @param cycle which cycle of the load's rounds among the JVMs, from 1
 * @param jvm which of its configuration's JVMs, started one after another, ran it, from 1
 * @param requests responses with status 200 to requests sent in the slice
 * @param errors other statuses and I/O failures in the slice
 * @param nanos how long the slice lasted
 * @param latencies the latency of every successful request in ns, sorted
 * @param cpuMicros the app process's CPU time over the slice, all its threads
 * @param cpuMicrosByKind the same, split by the kind of thread that spent it
 * @param appCpu the app's CPU's clock ticks in the slice, idle and all (none when the app is not pinned)
 * @param othersCpuMicros CPU time the waiting JVMs used in the slice
 */
record Slice(AgentConfig config, int cycle, int jvm, long requests, long errors, long nanos, long[] latencies,
    double cpuMicros, Map<ThreadCpu.Kind, Double> cpuMicrosByKind, ProcFiles.CpuTicks appCpu, double othersCpuMicros) {

  double throughput() {
    return nanos == 0 ? 0 : requests * 1e9 / nanos;
  }

  double cpuMicrosPerRequest() {
    return requests == 0 ? Double.NaN : cpuMicros / requests;
  }

  /** µs of CPU per request that threads of {@code kind} spent; NaN when not known. */
  double cpuMicrosPerRequest(ThreadCpu.Kind kind) {
    return requests == 0 ? Double.NaN : cpuMicrosByKind.getOrDefault(kind, Double.NaN) / requests;
  }
}
