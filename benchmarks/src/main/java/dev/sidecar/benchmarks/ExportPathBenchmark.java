package dev.sidecar.benchmarks;

import dev.sidecar.agent.config.AgentConfig;
import dev.sidecar.agent.export.AttributeLimits;
import dev.sidecar.agent.export.SpanConverter;
import dev.sidecar.agent.export.SpanRecordExporter;
import dev.sidecar.agent.export.otlp.EncodedRequest;
import dev.sidecar.agent.export.otlp.LogRequestEncoder;
import dev.sidecar.agent.export.otlp.SpanRequestEncoder;
import dev.sidecar.bootstrap.Handoff;
import dev.sidecar.bootstrap.SpanRecord;
import dev.sidecar.bootstrap.http.HttpServerSpans;
import dev.sidecar.bootstrap.logs.LogCapture;
import dev.sidecar.bootstrap.logs.LogEvent;
import io.opentelemetry.exporter.internal.otlp.traces.LowAllocationTraceRequestMarshaler;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the export thread pays per batch of traced server requests, short of the network: the
 * records encoded straight to an OTLP protobuf request, as the agent sends them, against the way
 * through the OpenTelemetry SDK (records turned into SDK span data, then marshaled by the SDK's
 * low-allocation marshaler), which the agent takes for exporters other than OTLP. The
 * whole-process benchmark shows export as most of what the agent costs a busy service. Divide by
 * 512 for a span. The cold variant encodes a different batch each time, as the export thread does.
 * The log batch is 512 records of one logger, each inside a request's span, as the whole-process
 * benchmark's apps log one a request.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class ExportPathBenchmark {
  private static final int BATCH = 512;
  private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 54321);
  private static final int COLD_BATCHES = 128;

  private final List<SpanRecord> records = new ArrayList<>(BATCH);
  private final List<LogEvent> logs = new ArrayList<>(BATCH);
  private LogRequestEncoder logEncoder;
  private final List<List<SpanRecord>> coldBatches = new ArrayList<>(COLD_BATCHES);
  private int nextCold;
  private ProtobufBytes bytes;
  private SpanRecordExporter exporter;
  private SpanRequestEncoder encoder;

  @Setup(Level.Trial)
  public void recordRequests() {
    Handoff.configure(BATCH * 2, BATCH);
    recordBatch(records, false);
    for (int b = 0; b < COLD_BATCHES; b++) {
      List<SpanRecord> batch = new ArrayList<>(BATCH);
      recordBatch(batch, true);
      coldBatches.add(batch);
    }
    bytes = new ProtobufBytes();
    exporter = SpanRecordExporter.of(bytes, new SpanConverter(Resource.getDefault(), "benchmark"));
    AttributeLimits limits = AttributeLimits.general(AgentConfig.fromMap(Map.of()));
    encoder = new SpanRequestEncoder(Resource.getDefault(), "benchmark", limits);
    Handoff.configureLogs(BATCH * 2, BATCH);
    recordLogs(logs);
    logEncoder = new LogRequestEncoder(Resource.getDefault(), limits);
  }

  /** One INFO record of one logger inside each of 512 requests' spans, as a servlet logs it. */
  private static void recordLogs(List<LogEvent> into) {
    for (int i = 0; i < BATCH; i++) {
      SpanRecord span = HttpServerSpans.start("bench.server", "GET", TRACEPARENT, null, null);
      LogCapture.emit(1_700_000_000_000_000_000L + i, 9, "INFO", "order " + i + " served", "com.example.shop.Orders",
          null);
      HttpServerSpans.end(span, 200, null);
    }
    Handoff.logs().drainTo(into, BATCH);
    if (into.size() != BATCH) {
      throw new IllegalStateException("recorded " + into.size() + " log records, expected " + BATCH);
    }
  }

  /**
   * Records a batch of server requests into {@code into}; with {@code ownStrings}, every value is a
   * string of its own, as a server reads them from each request, instead of shared constants.
   */
  private static void recordBatch(List<SpanRecord> into, boolean ownStrings) {
    for (int i = 0; i < BATCH; i++) {
      SpanRecord span = HttpServerSpans.start("bench.server", text("GET", ownStrings), text(TRACEPARENT, ownStrings),
          null, null);
      HttpServerSpans.request(span, text("http", ownStrings), "/owners/" + i, text("view=full", ownStrings),
          text("shop.example:8080", ownStrings), text("HTTP/1.1", ownStrings),
          text("Mozilla/5.0 (X11; Linux x86_64)", ownStrings), PEER);
      HttpServerSpans.end(span, 200, null);
    }
    Handoff.spans().drainTo(into, BATCH);
    if (into.size() != BATCH) {
      throw new IllegalStateException("recorded " + into.size() + " spans, expected " + BATCH);
    }
  }

  private static String text(String value, boolean copy) {
    return copy ? new String(value.toCharArray()) : value;
  }

  /** One batch of 512 server spans encoded to an OTLP request; returns its size in bytes. */
  @Benchmark
  public int encodeBatch() {
    return sent(encoder.encode(records));
  }

  /**
   * As above, but each call encodes the next of 128 batches (65,536 records, each with strings of
   * its own): like the export thread, which finds a batch's records written by the application's
   * threads milliseconds before and no longer in its core's caches, where the batch above stays in them.
   */
  @Benchmark
  public int encodeColdBatch() {
    List<SpanRecord> batch = coldBatches.get(nextCold);
    nextCold = (nextCold + 1) % COLD_BATCHES;
    return sent(encoder.encode(batch));
  }

  /** One batch of 512 log records encoded to an OTLP request; returns its size in bytes. */
  @Benchmark
  public int encodeLogBatch() {
    return sent(logEncoder.encode(logs));
  }

  /** The request's size; its array goes back to the encoder, as it does once the collector answers. */
  private static int sent(EncodedRequest request) {
    int size = request.getBinarySerializedSize();
    request.release();
    return size;
  }

  /** The same batch through SDK span data and the SDK's marshaler; returns the request's size in bytes. */
  @Benchmark
  public int convertAndMarshalBatch() {
    exporter.export(records);
    return bytes.lastSize;
  }

  /** Marshals span data to OTLP protobuf into memory, as the OTLP exporter does before sending. */
  private static final class ProtobufBytes implements SpanExporter {
    private final LowAllocationTraceRequestMarshaler marshaler = new LowAllocationTraceRequestMarshaler();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
    int lastSize;

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      marshaler.initialize(spans);
      try {
        out.reset();
        marshaler.writeBinaryTo(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        marshaler.reset();
      }
      lastSize = out.size();
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
