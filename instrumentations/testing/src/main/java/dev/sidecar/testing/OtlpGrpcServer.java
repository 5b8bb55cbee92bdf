package dev.sidecar.testing;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
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
import java.util.concurrent.TimeUnit;

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

  private final Server server;

  OtlpGrpcServer(int port, Recorder recorder) throws IOException {
    this.server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
            .directExecutor()
            .maxInboundMessageSize(MAX_MESSAGE_BYTES)
            .addService(new TraceService(recorder))
            .addService(new LogsService(recorder))
            .addService(new MetricsService(recorder))
            .intercept(new ExportInterceptor())
            .build()
            .start();
  }

  int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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

    TraceService(Recorder recorder) {
      this.recorder = recorder;
    }

    @Override
    public void export(
        ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> responses) {
      recorder.traces(EXPORT.get(), request);
      reply(responses, ExportTraceServiceResponse.getDefaultInstance());
    }
  }

  private static final class LogsService extends LogsServiceGrpc.LogsServiceImplBase {
    private final Recorder recorder;

    LogsService(Recorder recorder) {
      this.recorder = recorder;
    }

    @Override
    public void export(
        ExportLogsServiceRequest request, StreamObserver<ExportLogsServiceResponse> responses) {
      recorder.logs(EXPORT.get(), request);
      reply(responses, ExportLogsServiceResponse.getDefaultInstance());
    }
  }

  private static final class MetricsService extends MetricsServiceGrpc.MetricsServiceImplBase {
    private final Recorder recorder;

    MetricsService(Recorder recorder) {
      this.recorder = recorder;
    }

    @Override
    public void export(
        ExportMetricsServiceRequest request, StreamObserver<ExportMetricsServiceResponse> responses) {
      recorder.metrics(EXPORT.get(), request);
      reply(responses, ExportMetricsServiceResponse.getDefaultInstance());
    }
  }
}
