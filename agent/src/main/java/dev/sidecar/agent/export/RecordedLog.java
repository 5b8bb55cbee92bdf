package dev.sidecar.agent.export;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.logs.data.Body;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.resources.Resource;

/** A log event in the OpenTelemetry SDK's export shape; immutable. */
final class RecordedLog implements LogRecordData {
  private final Resource resource;
  private final InstrumentationScopeInfo scope;
  private final long epochNanos;
  private final long observedEpochNanos;
  private final SpanContext spanContext;
  private final Severity severity;
  private final String severityText;
  private final String body;
  private final Attributes attributes;
  private final int totalAttributeCount;

  RecordedLog(Resource resource, InstrumentationScopeInfo scope, long epochNanos, long observedEpochNanos,
      SpanContext spanContext, Severity severity, String severityText, String body, Attributes attributes,
      int totalAttributeCount) {
    this.resource = resource;
    this.scope = scope;
    this.epochNanos = epochNanos;
    this.observedEpochNanos = observedEpochNanos;
    this.spanContext = spanContext;
    this.severity = severity;
    this.severityText = severityText;
    this.body = body;
    this.attributes = attributes;
    this.totalAttributeCount = totalAttributeCount;
  }

  @Override
  public Resource getResource() {
    return resource;
  }

  @Override
  public InstrumentationScopeInfo getInstrumentationScopeInfo() {
    return scope;
  }

  @Override
  public long getTimestampEpochNanos() {
    return epochNanos;
  }

  @Override
  public long getObservedTimestampEpochNanos() {
    return observedEpochNanos;
  }

  @Override
  public SpanContext getSpanContext() {
    return spanContext;
  }

  @Override
  public Severity getSeverity() {
    return severity;
  }

  @Override
  public String getSeverityText() {
    return severityText;
  }

  @Override
  @Deprecated
  public Body getBody() {
    return body == null ? Body.empty() : Body.string(body);
  }

  @Override
  public Value<?> getBodyValue() {
    return body == null ? null : Value.of(body);
  }

  @Override
  public Attributes getAttributes() {
    return attributes;
  }

  @Override
  public int getTotalAttributeCount() {
    return totalAttributeCount;
  }
}
