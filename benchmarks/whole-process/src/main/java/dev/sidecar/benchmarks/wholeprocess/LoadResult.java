package dev.sidecar.benchmarks.wholeprocess;

/**
 * What one closed-loop load run did.
 *
 * @param requests responses with status 200
 * @param errors other statuses and I/O failures
 * @param nanos how long the load ran
 * @param latencies the latency of every successful request in ns, sorted
 */
record LoadResult(long requests, long errors, long nanos, long[] latencies) {

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
