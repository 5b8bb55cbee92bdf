package dev.sidecar.benchmarks.wholeprocess;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Closed-loop HTTP/1.1 load on loopback: each of N keep-alive connections, on a thread of its own,
 * sends {@code GET /hello}, reads the whole response, and sends the next at once. Plain blocking
 * sockets and one reused buffer per connection, so that the generator costs little CPU.
 */
final class LoadGenerator {
  private static final byte[] REQUEST =
      "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: whole-process\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final int port;
  private final int connections;
  /** Null until the warm-up ends. */
  private volatile Window window;

  LoadGenerator(int port, int connections) {
    this.port = port;
    this.connections = connections;
  }

  LoadResult run(Duration duration) {
    return run(WarmUp.NONE, duration, () -> {});
  }

  /**
   * The warm-up, then {@code window} of the same load on the same connections, without a pause
   * between them: a pause, and the new connections after it, had the JIT throw away and compile
   * again the app's hottest code at the start of the window. {@code atWindowStart} runs on this
   * thread as the window starts, with the load going on. The result counts the requests sent in the
   * window, and in {@link LoadResult#allRequests()} every request answered.
   */
  LoadResult run(WarmUp warmUp, Duration window, Runnable atWindowStart) {
    CountDownLatch go = new CountDownLatch(1);
    List<Connection> all = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      Connection connection = new Connection();
      all.add(connection);
      Thread thread = new Thread(() -> connection.loop(go), "load-" + i);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
    long loadStart = System.nanoTime();
    // Without a warm-up the window opens before the first request: a connection let go first
    // would send requests outside it.
    if (warmUp != WarmUp.NONE) {
      go.countDown();
      try {
        warmUp.awaitEnd();
      } catch (RuntimeException e) {
        // A window that is over already: the connections stop instead of loading the app forever.
        long now = System.nanoTime();
        this.window = new Window(now, now);
        throw e;
      }
    }
    long windowStart = System.nanoTime();
    this.window = new Window(windowStart, windowStart + window.toNanos());
    go.countDown();
    atWindowStart.run();
    for (Thread thread : threads) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BenchmarkException("interrupted during the load");
      }
    }
    long nanos = System.nanoTime() - windowStart;
    long requests = all.stream().mapToLong(c -> c.count).sum();
    long errors = all.stream().mapToLong(c -> c.errors).sum();
    long answered = all.stream().mapToLong(c -> c.answered).sum();
    return new LoadResult(requests, errors, nanos, Stats.sortedConcat(all.stream().map(Connection::latencies).toList()),
        answered, windowStart - loadStart);
  }

  /** Ends the warm-up: {@link #awaitEnd} returns when the measured window is to start. */
  interface WarmUp {
    WarmUp NONE = () -> {};

    void awaitEnd();
  }

  /** When the measured window starts and ends, in {@link System#nanoTime()}. */
  private record Window(long start, long deadline) {}

  /** One connection's loop; its fields are read by the starting thread only after join. */
  private final class Connection {
    private long[] latencies = new long[64 * 1024];
    /** Requests sent in the window and answered with 200. */
    private int count;
    /** Requests sent in the window and not answered with 200, and failed connections. */
    private long errors;
    /** Every request answered with 200, warm-up included. */
    private long answered;

    void loop(CountDownLatch go) {
      try {
        go.await();
      } catch (InterruptedException e) {
        return;
      }
      // A connection that failed reconnects; one that fails before any response on it gives up.
      while (!over(System.nanoTime())) {
        long before = answered;
        try (Socket socket = connect()) {
          if (!serve(socket)) {
            return;
          }
        } catch (IOException e) {
          errors++;
          if (answered == before) {
            return;
          }
        }
      }
    }

    /** Sends requests until the deadline; false if the load should stop (deadline reached). */
    private boolean serve(Socket socket) throws IOException {
      OutputStream out = socket.getOutputStream();
      HttpResponseReader in = new HttpResponseReader(socket.getInputStream());
      long now = System.nanoTime();
      while (!over(now)) {
        Window current = window;
        out.write(REQUEST);
        out.flush();
        int status = in.read();
        long done = System.nanoTime();
        boolean inWindow = current != null && now - current.start() >= 0;
        if (status == 200) {
          answered++;
          if (inWindow) {
            record(done - now);
          }
        } else if (inWindow) {
          errors++;
        }
        now = done;
        if (in.closeRequested()) {
          return true;
        }
      }
      return false;
    }

    private boolean over(long now) {
      Window current = window;
      return current != null && now - current.deadline() >= 0;
    }

    private Socket connect() throws IOException {
      Socket socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
      socket.setSoTimeout(30_000);
      return socket;
    }

    private void record(long nanos) {
      if (count == latencies.length) {
        latencies = Arrays.copyOf(latencies, count * 2);
      }
      latencies[count++] = nanos;
    }

    long[] latencies() {
      return Arrays.copyOf(latencies, count);
    }
  }
}
