package dev.sidecar.agent.export.otlp;

import io.opentelemetry.exporter.internal.marshal.Marshaler;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.internal.GrpcExporter;
import io.opentelemetry.exporter.otlp.internal.HttpExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.lang.reflect.Field;

/**
 * The transport inside an OTLP exporter the OpenTelemetry SDK built from the {@code otel.exporter.otlp.*}
 * settings: endpoint, headers, TLS, compression, timeout, retries and protocol stay the SDK's,
 * only the encoding is ours. The SDK keeps it in a private field; the SDK's version is the one
 * inside the agent jar, and a test checks the field is there.
 */
final class OtlpSender {
  private final HttpExporter http;
  private final GrpcExporter grpc;

  private OtlpSender(HttpExporter http, GrpcExporter grpc) {
    this.http = http;
    this.grpc = grpc;
  }

  /** The sender inside {@code exporter}, or null when it is not one of the SDK's OTLP exporters. */
  static OtlpSender of(Object exporter) {
    if (!(exporter instanceof OtlpHttpSpanExporter || exporter instanceof OtlpGrpcSpanExporter
        || exporter instanceof OtlpHttpLogRecordExporter || exporter instanceof OtlpGrpcLogRecordExporter)) {
      return null;
    }
    Object delegate;
    try {
      Field field = exporter.getClass().getDeclaredField("delegate");
      field.setAccessible(true);
      delegate = field.get(exporter);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
    if (delegate instanceof HttpExporter) {
      return new OtlpSender((HttpExporter) delegate, null);
    }
    if (delegate instanceof GrpcExporter) {
      return new OtlpSender(null, (GrpcExporter) delegate);
    }
    return null;
  }

  /** Sends {@code request}, {@code items} spans or log records; completes with the collector's answer. */
  CompletableResultCode send(byte[] request, int items) {
    Marshaler marshaler = new EncodedRequest(request);
    return http != null ? http.export(marshaler, items) : grpc.export(marshaler, items);
  }
}
