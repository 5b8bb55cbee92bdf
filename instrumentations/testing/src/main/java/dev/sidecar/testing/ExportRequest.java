package dev.sidecar.testing;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One export call the receiver accepted.
 *
 * @param protocol {@code "http/protobuf"} or {@code "grpc"}, the values OTEL_EXPORTER_OTLP_PROTOCOL uses
 * @param path the HTTP path (e.g. {@code /v1/traces}) or the full gRPC method name
 *     (e.g. {@code opentelemetry.proto.collector.trace.v1.TraceService/Export})
 * @param headers HTTP request headers or gRPC metadata, names lower-cased, sorted by name
 * @param gzip whether the payload arrived gzip-compressed
 */
public record ExportRequest(
    String protocol, String path, Map<String, List<String>> headers, boolean gzip) {

  /** Copies the headers so that later changes by the caller cannot alter what was recorded. */
  public ExportRequest {
    Map<String, List<String>> copy = new TreeMap<>();
    headers.forEach(
        (name, values) -> copy.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
    headers = Collections.unmodifiableMap(copy);
  }

  /** The first value of a header (name matched case-insensitively), or null if it was not sent. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
