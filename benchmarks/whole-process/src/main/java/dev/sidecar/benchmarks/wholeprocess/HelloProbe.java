package dev.sidecar.benchmarks.wholeprocess;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Measures start-up: polls {@code GET /hello} on loopback until it answers 200. */
final class HelloProbe {
  private static final byte[] REQUEST =
      "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
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
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write(REQUEST);
      out.flush();
      return new HttpResponseReader(socket.getInputStream()).read() == 200;
    } catch (IOException e) {
      return false;
    }
  }
}
