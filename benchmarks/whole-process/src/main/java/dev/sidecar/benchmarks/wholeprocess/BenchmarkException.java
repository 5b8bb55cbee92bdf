package dev.sidecar.benchmarks.wholeprocess;

/** A failure the user sees as one line: a missing jar, an app that did not start, a bad option. */
final class BenchmarkException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  BenchmarkException(String message) {
    super(message);
  }
}
