package dev.sidecar.agent.export.otlp;

import dev.sidecar.bootstrap.AgentErrors;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.internal.GrpcExporter;
import io.opentelemetry.exporter.otlp.internal.HttpExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.lang.reflect.Field;
import javax.net.SocketFactory;

/**
 * The transport inside an OTLP exporter the OpenTelemetry SDK built from the {@code otel.exporter.otlp.*}
 * settings: endpoint, headers, TLS, compression, timeout, retries and protocol stay the SDK's,
 * only the encoding is ours, and the sockets' Nagle setting. The SDK keeps it in a private field;
 * the SDK's version is the one inside the agent jar, and a test checks the field is there.
 */
final class OtlpSender {
  /**
   * From JDK 26 on, changing a final field by reflection prints a warning to the application's
   * stderr (JEP 500), which the agent must never do: there the sender keeps OkHttp's default.
   */
  private static final int FINAL_FIELDS_WARN_FROM = 26;

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
      delegate = field(exporter, "delegate").get(exporter);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
    if (delegate instanceof HttpExporter) {
      withoutNagle(delegate, "httpSender");
      return new OtlpSender((HttpExporter) delegate, null);
    }
    if (delegate instanceof GrpcExporter) {
      withoutNagle(delegate, "grpcSender");
      return new OtlpSender(null, (GrpcExporter) delegate);
    }
    return null;
  }

  /**
   * Gives the OkHttp client of the transport's sender sockets with Nagle's algorithm off
   * ({@link NoDelaySockets}); the client keeps its dispatcher, connection pool and every setting.
   * OkHttp leaves Nagle on, and the SDK has no setting for it. Without the field, nothing changes.
   * OTLP/HTTP goes through the agent's own sender, which turns Nagle off itself: this is for gRPC.
   */
  private static void withoutNagle(Object transport, String senderField) {
    if (Runtime.version().feature() >= FINAL_FIELDS_WARN_FROM) {
      return;
    }
    try {
      Object sender = field(transport, senderField).get(transport);
      if (sender == null || !sender.getClass().getName().startsWith("io.opentelemetry.exporter.sender.okhttp.")) {
        return;
      }
      // OkHttp's API by reflection: the agent compiles against the OkHttp 4 it instruments in
      // applications, while the sender runs on the OkHttp the agent bundles.
      Field clientField = field(sender, "client");
      Object client = clientField.get(sender);
      SocketFactory sockets = (SocketFactory) client.getClass().getMethod("socketFactory").invoke(client);
      Object builder = client.getClass().getMethod("newBuilder").invoke(client);
      builder.getClass().getMethod("socketFactory", SocketFactory.class).invoke(builder, new NoDelaySockets(sockets));
      clientField.set(sender, builder.getClass().getMethod("build").invoke(builder));
    } catch (ReflectiveOperationException | RuntimeException e) {
      AgentErrors.record(e);
    }
  }

  private static Field field(Object owner, String name) throws NoSuchFieldException {
    Field field = owner.getClass().getDeclaredField(name);
    field.setAccessible(true);
    return field;
  }

  /** Sends {@code request}, {@code items} spans or log records; completes with the collector's answer. */
  CompletableResultCode send(EncodedRequest request, int items) {
    return http != null ? http.export(request, items) : grpc.export(request, items);
  }
}
