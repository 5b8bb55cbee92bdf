package dev.sidecar.agent.export;

import dev.sidecar.bootstrap.Ids;
import dev.sidecar.bootstrap.logs.LogEvent;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.resources.Resource;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns log events into OpenTelemetry SDK log records on the export thread: the scope is the
 * logger's name, the stack trace is formatted here. Not thread-safe.
 */
public final class LogConverter {
  private static final Severity[] SEVERITIES = new Severity[25];

  static {
    for (Severity severity : Severity.values()) {
      SEVERITIES[severity.getSeverityNumber()] = severity;
    }
  }

  private final Resource resource;
  private final AttributeLimits limits;
  private final Map<String, InstrumentationScopeInfo> scopes = new HashMap<>();

  public LogConverter(Resource resource) {
    this(resource, AttributeLimits.DEFAULT);
  }

  public LogConverter(Resource resource, AttributeLimits limits) {
    this.resource = resource;
    this.limits = limits;
  }

  public LogRecordData convert(LogEvent event) {
    LimitedAttributes attributes = new LimitedAttributes(limits);
    LogAttributes.collect(event, attributes);
    SpanContext spanContext = event.spanId() == 0 ? SpanContext.getInvalid()
        : SpanContext.create(Ids.traceIdHex(event.traceIdHigh(), event.traceIdLow()), Ids.hex(event.spanId()),
            event.sampled() ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault());
    int number = event.severityNumber();
    Severity severity = number > 0 && number < SEVERITIES.length && SEVERITIES[number] != null
        ? SEVERITIES[number] : Severity.UNDEFINED_SEVERITY_NUMBER;
    String logger = event.loggerName() == null ? "" : event.loggerName();
    return new RecordedLog(resource, scopes.computeIfAbsent(logger, InstrumentationScopeInfo::create),
        event.epochNanos(), event.observedEpochNanos(), spanContext, severity, event.severityText(),
        event.body(), attributes.build(), attributes.offered());
  }
}
