package dev.sidecar.testing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.List;

/** Produces real telemetry through the OpenTelemetry SDK so the receiver is tested against real exporters. */
final class SdkTelemetry {

  static final String SERVICE = "checkout";
  static final String SCOPE = "dev.sidecar.test";
  static final String SCOPE_VERSION = "1.2.3";
  static final String LOG_TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  static final String LOG_SPAN_ID = "b7ad6b7169203331";

  private static final Resource RESOURCE =
      Resource.getDefault()
          .merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), SERVICE)));

  private SdkTelemetry() {}

  static ReceivedSpan named(List<ReceivedSpan> spans, String name) {
    return spans.stream()
        .filter(span -> span.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("No span named " + name + " in " + spans));
  }

  /** Exports a SERVER span with one CLIENT child; returns the contexts of {parent, child}. */
  static SpanContext[] exportTrace(SpanExporter exporter) {
    // Closing the provider waits for the simple processor's in-flight exports and shuts the exporter.
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(RESOURCE)
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build()) {
      Tracer tracer = provider.tracerBuilder(SCOPE).setInstrumentationVersion(SCOPE_VERSION).build();
      Span parent =
          tracer
              .spanBuilder("GET /orders")
              .setSpanKind(SpanKind.SERVER)
              .setAttribute("http.request.method", "GET")
              .setAttribute("http.response.status_code", 200L)
              .startSpan();
      Span child =
          tracer
              .spanBuilder("SELECT orders")
              .setParent(Context.root().with(parent))
              .setSpanKind(SpanKind.CLIENT)
              .setAttribute("db.cached", true)
              .setAttribute("db.latency", 1.5)
              .startSpan();
      child.end();
      parent.end();
      return new SpanContext[] {parent.getSpanContext(), child.getSpanContext()};
    }
  }

  /** Exports one INFO log record emitted inside a span with the fixed LOG_ ids. */
  static void exportLog(LogRecordExporter exporter) {
    try (SdkLoggerProvider provider =
        SdkLoggerProvider.builder()
            .setResource(RESOURCE)
            .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter))
            .build()) {
      SpanContext spanContext =
          SpanContext.create(
              LOG_TRACE_ID, LOG_SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault());
      provider
          .get(SCOPE)
          .logRecordBuilder()
          .setContext(Context.root().with(Span.wrap(spanContext)))
          .setSeverity(Severity.INFO)
          .setSeverityText("INFO")
          .setBody("order placed")
          .setAttribute(AttributeKey.stringKey("order.id"), "42")
          .emit();
    }
  }
}
