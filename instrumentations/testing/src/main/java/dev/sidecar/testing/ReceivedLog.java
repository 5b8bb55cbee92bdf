package dev.sidecar.testing;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.Map;

/**
 * One log record as it arrived, with the resource and scope it was exported under.
 *
 * @param protocol the {@link ExportRequest#protocol()} of the export that carried it
 */
public record ReceivedLog(
    Resource resource, InstrumentationScope scope, LogRecord logRecord, String protocol) {

  /** The body rendered as a string; "" when the record has no body. */
  public String body() {
    return OtlpValues.render(logRecord.getBody());
  }

  public String severityText() {
    return logRecord.getSeverityText();
  }

  /** The trace id in hex, or "" when the record was emitted outside a span. */
  public String traceId() {
    return OtlpValues.hex(logRecord.getTraceId());
  }

  public String spanId() {
    return OtlpValues.hex(logRecord.getSpanId());
  }

  public String attribute(String key) {
    return OtlpValues.attribute(logRecord.getAttributesList(), key);
  }

  /** All log attributes rendered as strings, ordered by key. */
  public Map<String, String> attributes() {
    return OtlpValues.attributes(logRecord.getAttributesList());
  }

  public String resourceAttribute(String key) {
    return OtlpValues.attribute(resource.getAttributesList(), key);
  }

  public String serviceName() {
    return resourceAttribute("service.name");
  }
}
