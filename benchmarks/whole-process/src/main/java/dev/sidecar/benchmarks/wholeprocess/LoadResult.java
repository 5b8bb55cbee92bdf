package dev.sidecar.benchmarks.wholeprocess;

/**
 * What one closed-loop load run did in its measured window (after its warm-up, if it had one).
 *
 * @param requests responses with status 200 to requests sent in the window
 * @param errors other statuses and I/O failures in the window
 * @param nanos how long the window lasted
 * @param latencies the latency of every successful request in ns, sorted
 * @param allRequests responses with status 200 from the start of the load, warm-up included
 * @param warmupNanos how long the warm-up lasted
 */
record LoadResult(long requests, long errors, long nanos, long[] latencies, long allRequests, long warmupNanos) {

  double throughput() {
    return nanos == 0 ? 0 : requests * 1e9 / nanos;
  }

  double p50Micros() {
    return Stats.percentile(latencies, 50) / 1e3;
  }

  double p99Micros() {
    return Stats.percentile(latencies, 99) / 1e3;
  }
}
