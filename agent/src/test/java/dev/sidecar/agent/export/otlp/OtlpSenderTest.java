package dev.sidecar.agent.export.otlp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.lang.reflect.Field;
import java.net.Socket;
import javax.net.SocketFactory;
import org.junit.jupiter.api.Test;

/** The SDK inside the agent jar keeps each OTLP exporter's transport where the sender looks for it. */
class OtlpSenderTest {
  @Test
  void everyOtlpExporterOfTheSdkHasItsTransportFound() {
    OtlpHttpSpanExporter httpSpans = OtlpHttpSpanExporter.getDefault();
    OtlpGrpcSpanExporter grpcSpans = OtlpGrpcSpanExporter.getDefault();
    OtlpHttpLogRecordExporter httpLogs = OtlpHttpLogRecordExporter.getDefault();
    OtlpGrpcLogRecordExporter grpcLogs = OtlpGrpcLogRecordExporter.getDefault();
    try {
      assertNotNull(OtlpSender.of(httpSpans));
      assertNotNull(OtlpSender.of(grpcSpans));
      assertNotNull(OtlpSender.of(httpLogs));
      assertNotNull(OtlpSender.of(grpcLogs));
    } finally {
      httpSpans.shutdown();
      grpcSpans.shutdown();
      httpLogs.shutdown();
      grpcLogs.shutdown();
    }
  }

  @Test
  void theTransportsSocketsHaveNagleOff() throws Exception {
    OtlpHttpSpanExporter http = OtlpHttpSpanExporter.getDefault();
    OtlpGrpcSpanExporter grpc = OtlpGrpcSpanExporter.getDefault();
    try {
      assertFalse(socketOf(http, "httpSender").getTcpNoDelay(), "OkHttp's own default");
      OtlpSender.of(http);
      OtlpSender.of(grpc);
      assertTrue(socketOf(http, "httpSender").getTcpNoDelay());
      assertTrue(socketOf(grpc, "grpcSender").getTcpNoDelay());
    } finally {
      http.shutdown();
      grpc.shutdown();
    }
  }

  /** An unconnected socket from the OkHttp client inside the exporter's sender, as OkHttp makes one to connect. */
  private static Socket socketOf(Object exporter, String senderField) throws Exception {
    Object transport = read(exporter, "delegate");
    Object client = read(read(transport, senderField), "client");
    SocketFactory sockets = (SocketFactory) client.getClass().getMethod("socketFactory").invoke(client);
    return sockets.createSocket();
  }

  private static Object read(Object owner, String name) throws ReflectiveOperationException {
    Field field = owner.getClass().getDeclaredField(name);
    field.setAccessible(true);
    return field.get(owner);
  }

  @Test
  void anyOtherExporterHasNone() {
    // Several exporters at once (OTLP and the console in debug mode) are one composite exporter.
    SpanExporter composite = SpanExporter.composite(OtlpHttpSpanExporter.getDefault(), OtlpGrpcSpanExporter.getDefault());
    try {
      assertNull(OtlpSender.of(composite));
    } finally {
      composite.shutdown();
    }
    assertNull(OtlpSender.of("not an exporter"));
  }
}
