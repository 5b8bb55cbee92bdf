package dev.sidecar.agent.export;

import dev.sidecar.bootstrap.Ids;
import dev.sidecar.bootstrap.SpanRecord;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.TraceStateBuilder;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the application thread's {@link SpanRecord}s into OpenTelemetry SDK span data. Runs on
 * the export thread only: this is where the formatting the application thread skipped happens
 * (hex ids, peer addresses, URL redaction, stack traces). Not thread-safe.
 */
public final class SpanConverter {
  private final Resource resource;
  private final String agentVersion;
  private final AttributeLimits limits;
  private final Map<String, InstrumentationScopeInfo> scopes = new HashMap<>();

  public SpanConverter(Resource resource, String agentVersion) {
    this(resource, agentVersion, AttributeLimits.DEFAULT);
  }

  public SpanConverter(Resource resource, String agentVersion, AttributeLimits limits) {
    this.resource = resource;
    this.agentVersion = agentVersion;
    this.limits = limits;
  }

  public SpanData convert(SpanRecord record) {
    String traceId = Ids.traceIdHex(record.traceIdHigh(), record.traceIdLow());
    TraceState traceState = parseTraceState(record.traceState());
    SpanContext context = SpanContext.create(traceId, Ids.hex(record.spanId()), TraceFlags.getSampled(), traceState);
    SpanContext parent = SpanContext.getInvalid();
    if (record.parentSpanId() != 0) {
      String parentId = Ids.hex(record.parentSpanId());
      parent = record.parentRemote()
          ? SpanContext.createFromRemoteParent(traceId, parentId, TraceFlags.getSampled(), traceState)
          : SpanContext.create(traceId, parentId, TraceFlags.getSampled(), traceState);
    }
    List<EventData> events = record.exception() == null
        ? Collections.emptyList()
        : Collections.singletonList(exceptionEvent(record.exception(), record.endEpochNanos()));
    LimitedAttributes attributes = attributes(record);
    return new RecordedSpan(record.name(), kind(record), context, parent,
        record.error() ? StatusData.error() : StatusData.unset(),
        record.startEpochNanos(), record.endEpochNanos(), attributes.build(), attributes.offered(), events,
        scope(record.scope()), resource);
  }

  private LimitedAttributes attributes(SpanRecord record) {
    LimitedAttributes attributes = new LimitedAttributes(limits);
    SpanAttributes.collect(record, attributes);
    return attributes;
  }

  private EventData exceptionEvent(Throwable error, long epochNanos) {
    LimitedAttributes attributes = new LimitedAttributes(limits);
    ExceptionAttributes.collect(error, attributes);
    return EventData.create(epochNanos, "exception", attributes.build());
  }

  private static SpanKind kind(SpanRecord record) {
    switch (record.kind()) {
      case SERVER:
        return SpanKind.SERVER;
      case CLIENT:
        return SpanKind.CLIENT;
      default:
        return SpanKind.INTERNAL;
    }
  }

  /** W3C {@code tracestate}: comma-separated {@code key=value} members, passed on in order. */
  public static TraceState parseTraceState(String header) {
    if (header == null) {
      return TraceState.getDefault();
    }
    TraceStateBuilder builder = TraceState.builder();
    String[] members = header.split(",");
    // The builder puts each new member first, so add them last to first to keep the caller's order.
    for (int i = members.length - 1; i >= 0; i--) {
      String member = members[i].trim();
      int eq = member.indexOf('=');
      if (eq > 0) {
        builder.put(member.substring(0, eq), member.substring(eq + 1));
      }
    }
    return builder.build();
  }

  private InstrumentationScopeInfo scope(String name) {
    return scopes.computeIfAbsent(name, n -> InstrumentationScopeInfo.builder(n).setVersion(agentVersion).build());
  }
}
