package dev.sidecar.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;

/**
 * A test OTLP receiver: an HTTP/protobuf and a gRPC endpoint on 127.0.0.1 that record every
 * export so that a test can assert on exactly what an exporter sent.
 *
 * <pre>{@code
 * try (OtlpReceiver receiver = OtlpReceiver.start()) {
 *   // point the exporter at receiver.httpEndpoint() + "/v1/traces" or receiver.grpcEndpoint()
 *   List<ReceivedSpan> spans = receiver.awaitSpans(1, Duration.ofSeconds(10));
 * }
 * }</pre>
 */
public final class OtlpReceiver implements AutoCloseable {

  private final String httpScheme;
  private final Recorder recorder;
  private final OtlpHttpServer http;
  private final OtlpGrpcServer grpc;

  private OtlpReceiver(Recorder recorder, OtlpHttpServer http, OtlpGrpcServer grpc) {
    this(recorder, http, grpc, "http");
  }

  private OtlpReceiver(Recorder recorder, OtlpHttpServer http, OtlpGrpcServer grpc, String httpScheme) {
    this.httpScheme = httpScheme;
    this.recorder = recorder;
    this.http = http;
    this.grpc = grpc;
  }

  /** Starts both endpoints on ephemeral ports. */
  public static OtlpReceiver start() {
    return start(0, 0);
  }

  /**
   * Starts both endpoints on ephemeral ports, the OTLP/HTTP one serving HTTPS with {@code tls}
   * and requiring a client certificate its trust managers accept (mutual TLS).
   */
  public static OtlpReceiver startTls(SSLContext tls) {
    Recorder recorder = new Recorder();
    OtlpHttpServer http;
    try {
      http = new OtlpHttpServer(0, new OtlpHttpHandler(recorder), tls.getServerSocketFactory());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the OTLP/HTTPS receiver", e);
    }
    try {
      return new OtlpReceiver(recorder, http, new OtlpGrpcServer(0, recorder), "https");
    } catch (IOException | RuntimeException e) {
      http.close();
      throw new IllegalStateException("Cannot start the OTLP/gRPC receiver", e);
    }
  }

  /** Starts both endpoints on the given ports; 0 picks an ephemeral port. */
  public static OtlpReceiver start(int httpPort, int grpcPort) {
    return start(new Recorder(), httpPort, grpcPort);
  }

  /**
   * Starts both endpoints on ephemeral ports, keeping only the counts ({@link #spanCount()},
   * {@link #logCount()}): {@link #spans()}, {@link #logs()} and {@link #requests()} stay empty. For
   * load tests that send millions of spans: OTLP/HTTP exports are counted on the wire, their records
   * skipped rather than parsed; gRPC exports are parsed whole, as gRPC hands them over.
   */
  public static OtlpReceiver startCounting() {
    return start(new Recorder(false), 0, 0);
  }

  private static OtlpReceiver start(Recorder recorder, int httpPort, int grpcPort) {
    OtlpHttpServer http;
    try {
      http = new OtlpHttpServer(httpPort, new OtlpHttpHandler(recorder));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the OTLP/HTTP receiver on port " + httpPort, e);
    }
    try {
      return new OtlpReceiver(recorder, http, new OtlpGrpcServer(grpcPort, recorder));
    } catch (IOException | RuntimeException e) {
      http.close();
      throw new IllegalStateException("Cannot start the OTLP/gRPC receiver on port " + grpcPort, e);
    }
  }

  /** The base URL; OTLP/HTTP exporters need the signal path appended, e.g. {@code /v1/traces}. */
  public String httpEndpoint() {
    return httpScheme + "://127.0.0.1:" + httpPort();
  }

  public String grpcEndpoint() {
    return "http://127.0.0.1:" + grpcPort();
  }

  public int httpPort() {
    return http.port();
  }

  public int grpcPort() {
    return grpc.port();
  }

  /**
   * Makes both endpoints misbehave as {@code fault} says from now on, until switched back to
   * {@link CollectorFault#NONE}: collector outages on demand, for tests and benchmarks.
   */
  public void fault(CollectorFault fault) {
    try {
      http.fault(fault);
      grpc.fault(fault);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot switch the receiver to " + fault, e);
    }
  }

  public CollectorFault fault() {
    return http.fault();
  }

  /** How many export calls a fault has answered or swallowed so far, over both protocols. */
  public int faultedRequests() {
    return http.faulted() + grpc.faulted();
  }

  /** A snapshot of every span received so far, in arrival order. */
  public List<ReceivedSpan> spans() {
    return recorder.spans();
  }

  public List<ReceivedLog> logs() {
    return recorder.logs();
  }

  /** Every accepted export call, traces, logs and metrics alike, in arrival order. */
  public List<ExportRequest> requests() {
    return recorder.requests();
  }

  /** How many spans arrived since the start or the last {@link #reset()}, in both modes. */
  public long spanCount() {
    return recorder.spanCount();
  }

  /** How many log records arrived since the start or the last {@link #reset()}, in both modes. */
  public long logCount() {
    return recorder.logCount();
  }

  /** Forgets everything received, so that one receiver can serve several tests. */
  public void reset() {
    recorder.reset();
  }

  public List<ReceivedSpan> awaitSpans(int count, Duration timeout) {
    return awaitSpans(spans -> spans.size() >= count, timeout, "at least " + count + " spans");
  }

  public List<ReceivedSpan> awaitSpans(Predicate<List<ReceivedSpan>> done, Duration timeout) {
    return awaitSpans(done, timeout, "spans matching the condition");
  }

  public List<ReceivedLog> awaitLogs(int count, Duration timeout) {
    return Poll.until(timeout, this::logs, logs -> logs.size() >= count, "at least " + count + " logs");
  }

  public List<ReceivedLog> awaitLogs(Predicate<List<ReceivedLog>> done, Duration timeout) {
    return Poll.until(timeout, this::logs, done, "logs matching the condition");
  }

  /** Stops both servers, dropping open connections instead of waiting for clients. */
  @Override
  public void close() {
    try {
      http.close();
    } finally {
      grpc.close();
    }
  }

  private List<ReceivedSpan> awaitSpans(
      Predicate<List<ReceivedSpan>> done, Duration timeout, String description) {
    return Poll.until(timeout, this::spans, done, description);
  }
}
