package dev.sidecar.testing;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.Map;
import java.util.TreeMap;

/**
 * One span as it arrived, with the resource and scope it was exported under.
 *
 * @param protocol the {@link ExportRequest#protocol()} of the export that carried it
 */
public record ReceivedSpan(
    Resource resource, InstrumentationScope scope, Span span, String protocol) {

  public String name() {
    return span.getName();
  }

  public String traceId() {
    return OtlpValues.hex(span.getTraceId());
  }

  public String spanId() {
    return OtlpValues.hex(span.getSpanId());
  }

  /** The parent's span id in hex, or "" for a root span. */
  public String parentSpanId() {
    return OtlpValues.hex(span.getParentSpanId());
  }

  public Span.SpanKind kind() {
    return span.getKind();
  }

  /** The attribute rendered as a string (arrays as {@code [a, b]}), or null if the span lacks it. */
  public String attribute(String key) {
    return OtlpValues.attribute(span.getAttributesList(), key);
  }

  /** All span attributes rendered as strings, ordered by key. */
  public Map<String, String> attributes() {
    return OtlpValues.attributes(span.getAttributesList());
  }

  /**
   * The span's attributes but {@code thread.id} and {@code thread.name}, the thread that started it,
   * which every span carries and a test outside the app's JVM cannot know: fails unless both are
   * there and the id is a number. For exact comparisons of the rest.
   */
  public Map<String, String> attributesBesideThread() {
    Map<String, String> rest = new TreeMap<>(attributes());
    String id = rest.remove("thread.id");
    String threadName = rest.remove("thread.name");
    if (id == null || threadName == null || !id.matches("[0-9]+")) {
      throw new AssertionError("span '" + name() + "' lacks the thread that started it: " + attributes());
    }
    return rest;
  }

  public String resourceAttribute(String key) {
    return OtlpValues.attribute(resource.getAttributesList(), key);
  }

  /** The resource's {@code service.name}, or null if the exporter sent none. */
  public String serviceName() {
    return resourceAttribute("service.name");
  }
}
