package dev.sidecar.agent.export;

import dev.sidecar.bootstrap.Ids;
import dev.sidecar.bootstrap.logs.LogEvent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.resources.Resource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns log events into OpenTelemetry SDK log records on the export thread: the scope is the
 * logger's name, the stack trace is formatted here. Not thread-safe.
 */
public final class LogConverter {
  private static final AttributeKey<String> THREAD_NAME = AttributeKey.stringKey("thread.name");
  private static final AttributeKey<Long> THREAD_ID = AttributeKey.longKey("thread.id");
  private static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");
  private static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");
  private static final AttributeKey<String> EXCEPTION_STACKTRACE = AttributeKey.stringKey("exception.stacktrace");
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

  LogRecordData convert(LogEvent event) {
    LimitedAttributes attributes = new LimitedAttributes(limits)
        .put(THREAD_NAME, event.threadName())
        .putOther(THREAD_ID, event.threadId());
    String[] context = event.contextAttributes();
    if (context != null) {
      for (int i = 0; i + 1 < context.length; i += 2) {
        attributes.put(AttributeKey.stringKey(context[i]), context[i + 1]);
      }
    }
    Throwable thrown = event.thrown();
    if (thrown != null) {
      StringWriter trace = new StringWriter();
      thrown.printStackTrace(new PrintWriter(trace));
      attributes.put(EXCEPTION_TYPE, thrown.getClass().getName()).put(EXCEPTION_STACKTRACE, trace.toString());
      if (thrown.getMessage() != null) {
        attributes.put(EXCEPTION_MESSAGE, thrown.getMessage());
      }
    }
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
