package dev.sidecar.testing;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The OTLP/gRPC side, using the service stubs that opentelemetry-proto ships. Requests compressed
 * with gzip are inflated by grpc-java's default decompressor registry before they reach us.
 */
final class OtlpGrpcServer implements AutoCloseable {

  static final String PROTOCOL = "grpc";

  private static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
  // Carries the call's metadata from the interceptor to the service method on the same call.
  private static final Context.Key<ExportRequest> EXPORT = Context.key("sidecar-otlp-export");
  private static final Metadata.Key<String> ENCODING =
      Metadata.Key.of("grpc-encoding", Metadata.ASCII_STRING_MARSHALLER);

  private final Recorder recorder;
  private final int port;
  private final Faults faults = new Faults();
  private volatile Server server;

  OtlpGrpcServer(int port, Recorder recorder) throws IOException {
    this.recorder = recorder;
    this.server = build(port);
    this.port = server.getPort();
  }

  private Server build(int port) throws IOException {
    return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
        .directExecutor()
        .maxInboundMessageSize(MAX_MESSAGE_BYTES)
        .addService(new TraceService(recorder, faults))
        .addService(new LogsService(recorder, faults))
        .addService(new MetricsService(recorder, faults))
        .intercept(new ExportInterceptor())
        .build()
        .start();
  }

  int port() {
    return port;
  }

  int faulted() {
    return faults.count.get();
  }

  /** DOWN stops the server; leaving DOWN starts it again on the same port. GARBAGE has no gRPC form: INTERNAL. */
  synchronized void fault(CollectorFault next) throws IOException {
    CollectorFault previous = faults.current;
    faults.current = next;
    if (next == CollectorFault.DOWN && previous != CollectorFault.DOWN) {
      stop(server);
    } else if (next != CollectorFault.DOWN && previous == CollectorFault.DOWN) {
      server = PortRebind.rebind(port, () -> build(port));
    }
    if (next != CollectorFault.BLACK_HOLE) {
      faults.releaseHeld();
    }
  }

  @Override
  public void close() {
    faults.releaseHeld();
    faults.timer.shutdownNow();
    stop(server);
  }

  private static void stop(Server server) {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The fault in force, and the calls it holds back; shared by the three services. */
  private static final class Faults {
    private final AtomicInteger count = new AtomicInteger();
    private final List<Runnable> held = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "otlp-receiver-grpc-slow");
      thread.setDaemon(true);
      return thread;
    });
    private volatile CollectorFault current = CollectorFault.NONE;

    /** Records and answers the export now, later or never, as the fault says. */
    <T> void answer(StreamObserver<T> responses, Runnable record, T response) {
      CollectorFault fault = current;
      if (fault != CollectorFault.NONE) {
        count.incrementAndGet();
      }
      switch (fault) {
        case NONE:
          record.run();
          reply(responses, response);
          return;
        case SLOW:
          timer.schedule(() -> {
            record.run();
            reply(responses, response);
          }, CollectorFault.SLOW_ANSWER_MILLIS, TimeUnit.MILLISECONDS);
          return;
        case BLACK_HOLE:
          synchronized (held) {
            held.add(() -> responses.onError(Status.UNAVAILABLE.asRuntimeException()));
          }
          return;
        case TOO_MANY_REQUESTS:
          responses.onError(Status.RESOURCE_EXHAUSTED.withDescription("shedding load").asRuntimeException());
          return;
        case UNAVAILABLE:
        case DOWN:
          responses.onError(Status.UNAVAILABLE.withDescription("unavailable").asRuntimeException());
          return;
        default:
          responses.onError(Status.INTERNAL.withDescription("\u0000garbage").asRuntimeException());
      }
    }

    /** Ends the black-holed calls (unanswered) once the fault is off, so their connections are freed. */
    void releaseHeld() {
      List<Runnable> release;
      synchronized (held) {
        release = new ArrayList<>(held);
        held.clear();
      }
      release.forEach(Runnable::run);
    }
  }

  private static <T> void reply(StreamObserver<T> responses, T response) {
    responses.onNext(response);
    responses.onCompleted();
  }

  private static final class ExportInterceptor implements ServerInterceptor {
    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
      ExportRequest export =
          new ExportRequest(
              PROTOCOL,
              call.getMethodDescriptor().getFullMethodName(),
              toMap(headers),
              "gzip".equalsIgnoreCase(headers.get(ENCODING)));
      return Contexts.interceptCall(Context.current().withValue(EXPORT, export), call, headers, next);
    }

    /** Binary ("-bin") values are shown base64-encoded so that every value is a string. */
    private static Map<String, List<String>> toMap(Metadata headers) {
      Map<String, List<String>> map = new LinkedHashMap<>();
      for (String name : headers.keys()) {
        List<String> values = new ArrayList<>();
        if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
          Metadata.Key<byte[]> key = Metadata.Key.of(name, Metadata.BINARY_BYTE_MARSHALLER);
          headers.getAll(key).forEach(value -> values.add(Base64.getEncoder().encodeToString(value)));
        } else {
          Metadata.Key<String> key = Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
          headers.getAll(key).forEach(values::add);
        }
        map.put(name, values);
      }
      return map;
    }
  }

  private static final class TraceService extends TraceServiceGrpc.TraceServiceImplBase {
    private final Recorder recorder;
    private final Faults faults;

    TraceService(Recorder recorder, Faults faults) {
      this.recorder = recorder;
      this.faults = faults;
    }

    @Override
    public void export(
        ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> responses) {
      ExportRequest export = EXPORT.get();
      faults.answer(responses, () -> recorder.traces(export, request), ExportTraceServiceResponse.getDefaultInstance());
    }
  }

  private static final class LogsService extends LogsServiceGrpc.LogsServiceImplBase {
    private final Recorder recorder;
    private final Faults faults;

    LogsService(Recorder recorder, Faults faults) {
      this.recorder = recorder;
      this.faults = faults;
    }

    @Override
    public void export(
        ExportLogsServiceRequest request, StreamObserver<ExportLogsServiceResponse> responses) {
      ExportRequest export = EXPORT.get();
      faults.answer(responses, () -> recorder.logs(export, request), ExportLogsServiceResponse.getDefaultInstance());
    }
  }

  private static final class MetricsService extends MetricsServiceGrpc.MetricsServiceImplBase {
    private final Recorder recorder;
    private final Faults faults;

    MetricsService(Recorder recorder, Faults faults) {
      this.recorder = recorder;
      this.faults = faults;
    }

    @Override
    public void export(
        ExportMetricsServiceRequest request, StreamObserver<ExportMetricsServiceResponse> responses) {
      ExportRequest export = EXPORT.get();
      faults.answer(responses, () -> recorder.metrics(export, request), ExportMetricsServiceResponse.getDefaultInstance());
    }
  }
}
