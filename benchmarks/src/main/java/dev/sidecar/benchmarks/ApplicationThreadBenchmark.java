package dev.sidecar.benchmarks;

import dev.sidecar.bootstrap.CurrentSpan;
import dev.sidecar.bootstrap.Handoff;
import dev.sidecar.bootstrap.HandoffQueue;
import dev.sidecar.bootstrap.SpanRecord;
import dev.sidecar.bootstrap.http.HttpClientSpans;
import dev.sidecar.bootstrap.http.HttpServerSpans;
import dev.sidecar.bootstrap.http.ServerRoutes;
import dev.sidecar.bootstrap.logs.LogCapture;
import dev.sidecar.bootstrap.logs.Severity;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.net.URIAuthority;
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
  private static final String UNSAMPLED_TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00";
  private static final URI DOWNSTREAM = URI.create("http://inventory.internal:8080/items/42?view=full");
  private static final HttpHost DOWNSTREAM_HOST = new HttpHost("http", "inventory.internal", 8080);


  private volatile boolean draining;
  private final List<Thread> drainers = new ArrayList<>();

  @Setup(Level.Trial)
  public void startDrainers() {
    Handoff.configure(1 << 16, 512);
    Handoff.configureLogs(1 << 16, 512);
    draining = true;
    drainers.add(drainer(Handoff.spans(), "benchmark-span-drainer"));
    drainers.add(drainer(Handoff.logs(), "benchmark-log-drainer"));
  }

  private <T> Thread drainer(HandoffQueue<T> queue, String name) {
    Thread drainer = new Thread(() -> {
      List<T> batch = new ArrayList<>(512);
      while (draining) {
        queue.awaitBatch(TimeUnit.MILLISECONDS.toNanos(5));
        while (queue.drainTo(batch, 512) > 0) {
          batch.clear();
        }
      }
    }, name);
    drainer.setDaemon(true);
    drainer.start();
    return drainer;
  }

  @TearDown(Level.Trial)
  public void stopDrainers() throws InterruptedException {
    draining = false;
    for (Thread drainer : drainers) {
      drainer.join();
    }
    long dropped = Handoff.spans().dropped() + Handoff.logs().dropped();
    if (dropped > 0) {
      System.err.println("warning: " + dropped + " records dropped; the drainers fell behind");
    }
  }

  /** A server span current on the benchmark thread, as when an application logs inside a request. */
  @State(Scope.Thread)
  public static class InsideRequest {
    SpanRecord server;
    LogRecord record;
    // The application's own request, made once: its headers are set again (replaced) on every call.
    final ClassicHttpRequest request = new BasicClassicHttpRequest("GET", DOWNSTREAM);

    @Setup(Level.Iteration)
    public void enter() {
      server = HttpServerSpans.start("bench.server", "GET", TRACEPARENT, null, null);
      record = new LogRecord(java.util.logging.Level.INFO, "order {0} shipped to {1}");
      record.setParameters(new Object[] {"A-1042", "Lyon"});
      record.setLoggerName("shop.orders");
    }

    @TearDown(Level.Iteration)
    public void leave() {
      HttpServerSpans.end(server, 200, null);
      CurrentSpan.set(null);
    }
  }

  /** An unsampled server span current on the benchmark thread (incoming flags 00). */
  @State(Scope.Thread)
  public static class InsideUnsampledRequest {
    SpanRecord server;

    @Setup(Level.Iteration)
    public void enter() {
      server = HttpServerSpans.start("bench.server", "GET", UNSAMPLED_TRACEPARENT, null, null);
    }

    @TearDown(Level.Iteration)
    public void leave() {
      HttpServerSpans.end(server, 200, null);
      CurrentSpan.set(null);
    }
  }

  /**
   * One traced HTTP server request: start with an incoming traceparent, the request's attributes,
   * the route of the servlet mapping it matched ({@code /owners/*}), end.
   */
  @Benchmark
  public SpanRecord serverRequest() {
    SpanRecord span = HttpServerSpans.start("bench.server", "GET", TRACEPARENT, null, null);
    HttpServerSpans.request(span, "http", "/owners/7", "view=full", "shop.example:8080", "HTTP/1.1",
        "Mozilla/5.0 (X11; Linux x86_64)", PEER);
    HttpServerSpans.serverRoute(span, ServerRoutes.servlet("", "PATH", "/owners/*", null, "/7"));
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
    SpanRecord span = HttpServerSpans.start("bench.server", "GET", UNSAMPLED_TRACEPARENT, null, null);
    HttpServerSpans.request(span, "http", "/owners/7", "view=full", "shop.example:8080", "HTTP/1.1",
        "Mozilla/5.0 (X11; Linux x86_64)", PEER);
    HttpServerSpans.end(span, 200, null);
    return span;
  }

  /**
   * One client span as the Apache HttpClient 5 advice makes it: start from the request's method,
   * record its URL from the request's scheme, authority and path, inject traceparent (and
   * tracestate, baggage when present) into the real request's headers, end with the response status.
   */
  @Benchmark
  public ClassicHttpRequest clientSpanWithHeaderInjection(InsideRequest inside) throws Exception {
    ClassicHttpRequest request = inside.request;
    SpanRecord span = HttpClientSpans.startSend("bench.client", request.getMethod());
    if (span.sampled()) {
      URIAuthority authority = request.getAuthority();
      HttpClientSpans.requestTarget(span, request.getScheme(), authority.getHostName(), authority.getPort(),
          request.getPath());
    }
    String traceparent = HttpClientSpans.traceparent(span);
    if (traceparent != null) {
      request.setHeader("traceparent", traceparent);
      String tracestate = HttpClientSpans.tracestate(span);
      if (tracestate != null) {
        request.setHeader("tracestate", tracestate);
      }
    }
    String baggage = HttpClientSpans.baggage(span);
    if (baggage != null && !request.containsHeader("baggage")) {
      request.setHeader("baggage", baggage);
    }
    HttpClientSpans.end(span, 200, "1.1", null);
    return request;
  }

  /**
   * A client call inside an unsampled request, as the Apache HttpClient 5 advice makes it: the
   * client's copy of the request for the send (made here as the client makes it), started from its
   * method, its target not read, the traceparent (flags 00) injected, end.
   */
  @Benchmark
  public ClassicHttpRequest unsampledClientSpan(InsideUnsampledRequest inside) throws Exception {
    ClassicHttpRequest request = new BasicClassicHttpRequest("GET", DOWNSTREAM_HOST, "/items/42?view=full");
    SpanRecord span = HttpClientSpans.startSend("bench.client", request.getMethod());
    if (span.sampled()) {
      URIAuthority authority = request.getAuthority();
      HttpClientSpans.requestTarget(span, request.getScheme(), authority.getHostName(), authority.getPort(),
          request.getPath());
    }
    request.setHeader("traceparent", HttpClientSpans.traceparent(span));
    HttpClientSpans.end(span, 200, "1.1", null);
    return request;
  }

  /**
   * One java.util.logging record inside a request, as the Logger advice takes it: the level check,
   * the message formatted with its parameters, the trace and span of the request, the hand-off.
   */
  @Benchmark
  public void logRecordInsideRequest(InsideRequest inside) {
    LogRecord record = inside.record;
    if (!LogCapture.enter()) {
      return;
    }
    try {
      int severity = Severity.ofJulLevel(record.getLevel().intValue());
      if (LogCapture.wanted(severity)) {
        Instant instant = record.getInstant();
        LogCapture.emit(instant.getEpochSecond() * 1_000_000_000L + instant.getNano(), severity,
            record.getLevel().getName(), LogCapture.julMessage(record.getMessage(), record.getParameters()),
            record.getLoggerName(), record.getThrown());
      }
    } finally {
      LogCapture.exit();
    }
  }
}
