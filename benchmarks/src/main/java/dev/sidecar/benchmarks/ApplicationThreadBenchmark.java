package dev.sidecar.benchmarks;

import dev.sidecar.bootstrap.Handoff;
import dev.sidecar.bootstrap.HandoffQueue;
import dev.sidecar.bootstrap.SpanRecord;
import dev.sidecar.bootstrap.http.HttpClientSpans;
import dev.sidecar.bootstrap.http.HttpServerSpans;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the application thread pays per traced call: exactly the bootstrap calls the advice makes,
 * with the values a real request carries, while another thread drains the hand-off queue as the
 * sidecar's export thread does. Run with {@code -prof gc} for bytes allocated per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class ApplicationThreadBenchmark {
  private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 54321);
  private static final URI DOWNSTREAM = URI.create("http://inventory.internal:8080/items/42?view=full");

  private volatile boolean draining;
  private Thread drainer;

  @Setup(Level.Trial)
  public void startDrainer() {
    Handoff.configure(1 << 16, 512);
    HandoffQueue<SpanRecord> queue = Handoff.spans();
    draining = true;
    drainer = new Thread(() -> {
      List<SpanRecord> batch = new ArrayList<>(512);
      while (draining) {
        queue.awaitBatch(TimeUnit.MILLISECONDS.toNanos(5));
        while (queue.drainTo(batch, 512) > 0) {
          batch.clear();
        }
      }
    }, "benchmark-drainer");
    drainer.setDaemon(true);
    drainer.start();
  }

  @TearDown(Level.Trial)
  public void stopDrainer() throws InterruptedException {
    draining = false;
    drainer.join();
    if (Handoff.spans().dropped() > 0) {
      System.err.println("warning: " + Handoff.spans().dropped() + " spans dropped; the drainer fell behind");
    }
  }

  /** One traced HTTP server request: start with an incoming traceparent, the request's attributes, end. */
  @Benchmark
  public SpanRecord serverRequest() {
    SpanRecord span = HttpServerSpans.start("bench.server", "GET", TRACEPARENT, null, null);
    HttpServerSpans.request(span, "http", "/owners/7", "view=full", "shop.example:8080", "HTTP/1.1",
        "Mozilla/5.0 (X11; Linux x86_64)", PEER);
    HttpServerSpans.end(span, 200, null);
    return span;
  }

  /** One client call inside a server span: start, the traceparent header to inject, end. */
  @Benchmark
  public String clientCallInsideServerRequest() {
    SpanRecord server = HttpServerSpans.start("bench.server", "GET", TRACEPARENT, null, null);
    SpanRecord client = HttpClientSpans.start("bench.client", "GET", DOWNSTREAM);
    String header = HttpClientSpans.traceparent(client);
    HttpClientSpans.end(client, 200, "1.1", null);
    HttpServerSpans.end(server, 200, null);
    return header;
  }

  /** An unsampled request (incoming flags 00): what sampling leaves on the application thread. */
  @Benchmark
  public SpanRecord unsampledServerRequest() {
    SpanRecord span = HttpServerSpans.start("bench.server", "GET",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00", null, null);
    HttpServerSpans.request(span, "http", "/owners/7", "view=full", "shop.example:8080", "HTTP/1.1",
        "Mozilla/5.0 (X11; Linux x86_64)", PEER);
    HttpServerSpans.end(span, 200, null);
    return span;
  }
}
