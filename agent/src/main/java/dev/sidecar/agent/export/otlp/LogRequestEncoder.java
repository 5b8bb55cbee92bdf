package dev.sidecar.agent.export.otlp;

import dev.sidecar.agent.export.AttributeLimits;
import dev.sidecar.agent.export.LimitedAttributes;
import dev.sidecar.agent.export.LogAttributes;
import dev.sidecar.agent.export.LogConverter;
import dev.sidecar.bootstrap.logs.LogEvent;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import java.util.List;

/**
 * Log events straight to the bytes of an OTLP {@code ExportLogsServiceRequest}: the same bytes the
 * OpenTelemetry SDK's exporter would send for the log records {@link LogConverter} makes of them,
 * one scope per logger. One encoder per export thread.
 */
public final class LogRequestEncoder extends ScopedRequest<LogEvent> {
  // ScopeLogs
  private static final int LOG_RECORDS = 2;
  // LogRecord
  private static final int TIME = 1;
  private static final int SEVERITY_NUMBER = 2;
  private static final int SEVERITY_TEXT = 3;
  private static final int BODY = 5;
  private static final int ATTRIBUTES = 6;
  private static final int DROPPED_ATTRIBUTES = 7;
  private static final int FLAGS = 8;
  private static final int TRACE_ID = 9;
  private static final int SPAN_ID = 10;
  private static final int OBSERVED_TIME = 11;
  private static final int MAX_SEVERITY = 24;

  private final AttributeLimits limits;
  private final AttributeFields fields;

  public LogRequestEncoder(Resource resource, AttributeLimits limits) {
    super(resource);
    this.limits = limits;
    this.fields = new AttributeFields(limits);
  }

  /** The request for a batch; release it once the collector has answered. */
  public EncodedRequest encode(List<LogEvent> events) {
    return encodeRequest(events);
  }

  @Override
  String scopeName(LogEvent event) {
    return event.loggerName() == null ? "" : event.loggerName();
  }

  @Override
  InstrumentationScopeInfo scopeInfo(String name) {
    return InstrumentationScopeInfo.create(name);
  }

  @Override
  void writeRecords(ProtoWriter out, List<LogEvent> records) {
    // New for each batch's group, not kept: it takes a reference per attribute, and with G1 that
    // store costs a memory fence once the object has lived long.
    LimitedAttributes attributes = new LimitedAttributes(limits);
    for (int i = 0; i < records.size(); i++) {
      logRecord(out, records.get(i), attributes);
    }
  }

  private void logRecord(ProtoWriter out, LogEvent event, LimitedAttributes attributes) {
    int record = out.begin(LOG_RECORDS);
    out.fixed64(TIME, event.epochNanos());
    out.fixed64(OBSERVED_TIME, event.observedEpochNanos());
    int severity = event.severityNumber();
    out.uint32(SEVERITY_NUMBER, severity > 0 && severity <= MAX_SEVERITY ? severity : 0);
    out.string(SEVERITY_TEXT, event.severityText());
    if (event.body() != null) {
      out.anyValue(BODY, event.body());
    }
    fields.start(out, ATTRIBUTES);
    LogAttributes.collect(event, fields);
    if (fields.gaveUp()) {
      attributes.clear();
      LogAttributes.collect(event, attributes);
      fields.writeInstead(attributes, DROPPED_ATTRIBUTES);
    }
    if (event.spanId() != 0) {
      out.fixed32(FLAGS, event.sampled() ? 1 : 0);
      out.traceId(TRACE_ID, event.traceIdHigh(), event.traceIdLow());
      out.spanId(SPAN_ID, event.spanId());
    }
    out.end(record);
  }

}
