package dev.sidecar.testing;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/** The OTLP/HTTP routes: decodes binary protobuf exports and hands them to the recorder. */
final class OtlpHttpHandler {

  static final String PROTOCOL = "http/protobuf";

  private final Recorder recorder;

  OtlpHttpHandler(Recorder recorder) {
    this.recorder = recorder;
  }

  HttpResponse handle(HttpRequest request) {
    String path = request.path();
    boolean known =
        path.equals("/v1/traces") || path.equals("/v1/logs") || path.equals("/v1/metrics");
    if (!known || !request.method().equals("POST")) {
      return HttpResponse.error(404, "No OTLP route for " + request.method() + " " + path);
    }
    if (!isProtobuf(request.header("content-type"))) {
      return HttpResponse.error(
          415, "Only application/x-protobuf is accepted, got " + request.header("content-type"));
    }
    String encoding = request.header("content-encoding");
    boolean gzip = encoding != null && encoding.equalsIgnoreCase("gzip");
    if (encoding != null && !gzip && !encoding.equalsIgnoreCase("identity")) {
      return HttpResponse.error(415, "Unsupported Content-Encoding: " + encoding);
    }
    try {
      byte[] payload = gzip ? gunzip(request.body()) : request.body();
      ExportRequest export = new ExportRequest(PROTOCOL, path, request.headers(), gzip);
      return HttpResponse.protobuf(record(path, payload, export));
    } catch (InvalidProtocolBufferException e) {
      return HttpResponse.error(400, "Body is not a valid OTLP message: " + e.getMessage());
    } catch (IOException e) {
      return HttpResponse.error(400, "Body is not valid gzip: " + e.getMessage());
    }
  }

  private byte[] record(String path, byte[] payload, ExportRequest export)
      throws InvalidProtocolBufferException {
    switch (path) {
      case "/v1/traces":
        recorder.traces(export, payload);
        return ExportTraceServiceResponse.getDefaultInstance().toByteArray();
      case "/v1/logs":
        recorder.logs(export, payload);
        return ExportLogsServiceResponse.getDefaultInstance().toByteArray();
      default:
        recorder.metrics(export, ExportMetricsServiceRequest.parseFrom(payload));
        return ExportMetricsServiceResponse.getDefaultInstance().toByteArray();
    }
  }

  /** Media type parameters (such as a charset) do not change what the body is. */
  private static boolean isProtobuf(String contentType) {
    if (contentType == null) {
      return false;
    }
    int parameters = contentType.indexOf(';');
    String mediaType = parameters < 0 ? contentType : contentType.substring(0, parameters);
    return mediaType.trim().toLowerCase(Locale.ROOT).equals("application/x-protobuf");
  }

  private static byte[] gunzip(byte[] body) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return in.readAllBytes();
    }
  }
}
