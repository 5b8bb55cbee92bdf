package dev.sidecar.benchmarks.wholeprocess;

import dev.sidecar.testing.http.PlainHttp;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/** Measures start-up: polls {@code GET /hello} on loopback until it answers 200. */
final class HelloProbe {
  private static final long INTERVAL_MILLIS = 2;

  private HelloProbe() {}

  /**
   * Polls every 2 ms until the app answers 200; returns the time of that answer ({@link System#nanoTime()}).
   *
   * @throws BenchmarkException when the process ends or {@code timeout} passes first
   */
  static long awaitFirstHello(Process process, int port, Duration timeout, String name) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (answers(port)) {
        return System.nanoTime();
      }
      if (!process.isAlive()) {
        throw new BenchmarkException(name + " ended (exit " + process.exitValue() + ") before it answered GET /hello");
      }
      if (System.nanoTime() - deadline > 0) {
        throw new BenchmarkException(name + " did not answer GET /hello within " + timeout.toSeconds() + " s");
      }
      try {
        Thread.sleep(INTERVAL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BenchmarkException("interrupted while waiting for " + name);
      }
    }
  }

  /** One {@code GET /hello}; false on a refused connection or any other status. */
  static boolean answers(int port) {
    try {
      return PlainHttp.send(port, "GET", "/hello", Map.of()) == 200;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
