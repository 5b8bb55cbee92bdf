package dev.sidecar.benchmarks.wholeprocess;

import dev.sidecar.testing.CollectorFault;
import java.util.Map;

/**
 * The figures of one app JVM under load while the collector plays one fault.
 *
 * @param sidecarStatus Sidecar's counters at the end of the window (empty for other agents)
 */
record FaultResult(
    AppKind app, AgentConfig config, CollectorFault fault, int round, long requests, long errors, double throughput,
    double p99Micros, double cpuMicrosPerRequest, long rssKb, long heapAfterGcKb, Map<String, String> sidecarStatus) {

  /** A counter from Sidecar's status, such as {@code spans.dropped}; NaN when not known. */
  double counter(String name) {
    return StatusCounters.value(sidecarStatus, name);
  }
}
