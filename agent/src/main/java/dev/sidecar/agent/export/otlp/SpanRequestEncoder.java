package dev.sidecar.agent.export.otlp;

import dev.sidecar.agent.export.AttributeLimits;
import dev.sidecar.agent.export.ExceptionAttributes;
import dev.sidecar.agent.export.LimitedAttributes;
import dev.sidecar.agent.export.SpanAttributes;
import dev.sidecar.agent.export.SpanConverter;
import dev.sidecar.bootstrap.SpanRecord;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.internal.W3CTraceContextEncoding;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import java.util.List;

/**
 * Span records straight to the bytes of an OTLP {@code ExportTraceServiceRequest}, with no SDK span
 * data or marshaler objects on the way: the same bytes the OpenTelemetry SDK's exporter would send
 * for the span data {@link SpanConverter} makes of them. One request per batch; one encoder per
 * export thread.
 */
public final class SpanRequestEncoder extends ScopedRequest<SpanRecord> {
  // ScopeSpans
  private static final int SPANS = 2;
  // Span
  private static final int TRACE_ID = 1;
  private static final int SPAN_ID = 2;
  private static final int TRACE_STATE = 3;
  private static final int PARENT_SPAN_ID = 4;
  private static final int NAME = 5;
  private static final int KIND = 6;
  private static final int START_TIME = 7;
  private static final int END_TIME = 8;
  private static final int ATTRIBUTES = 9;
  private static final int DROPPED_ATTRIBUTES = 10;
  private static final int EVENTS = 11;
  private static final int STATUS = 15;
  private static final int FLAGS = 16;
  // Span.Event
  private static final int EVENT_TIME = 1;
  private static final int EVENT_NAME = 2;
  private static final int EVENT_ATTRIBUTES = 3;
  // Status
  private static final int STATUS_CODE = 3;
  private static final int STATUS_ERROR = 2;
  // Sampled, and the parent's remoteness is known; 0x200 adds that the parent is remote.
  private static final int FLAGS_LOCAL_PARENT = 0x101;
  private static final int FLAGS_REMOTE_PARENT = 0x301;

  /**
   * Records read ahead of their encoding at once ({@link SpanAttributes#preload}): few enough that
   * what they read stays in the core's first caches until it is encoded.
   */
  private static final int PRELOAD_RECORDS = 16;

  private final AttributeLimits limits;
  private final AttributeFields fields;
  private final String agentVersion;
  private String lastTraceState;
  private String lastTraceStateEncoded;
  /** Kept, so that the compiler keeps the reads of {@link SpanAttributes#preload}. */
  @SuppressWarnings("unused")
  private int preloaded;

  public SpanRequestEncoder(Resource resource, String agentVersion, AttributeLimits limits) {
    super(resource);
    this.limits = limits;
    this.fields = new AttributeFields(limits);
    this.agentVersion = agentVersion;
  }

  /** The request for a batch; release it once the collector has answered. */
  public EncodedRequest encode(List<SpanRecord> records) {
    return encodeRequest(records);
  }

  @Override
  String scopeName(SpanRecord record) {
    return record.scope();
  }

  @Override
  InstrumentationScopeInfo scopeInfo(String name) {
    return InstrumentationScopeInfo.builder(name).setVersion(agentVersion).build();
  }

  @Override
  void writeRecords(ProtoWriter out, List<SpanRecord> records) {
    // New for each batch's group, not kept: it takes a reference per attribute, and with G1 that
    // store costs a memory fence once the object has lived long.
    LimitedAttributes attributes = new LimitedAttributes(limits);
    int preloaded = 0;
    for (int i = 0; i < records.size(); i++) {
      if (i % PRELOAD_RECORDS == 0) {
        preloaded += SpanAttributes.preload(records, i, Math.min(records.size(), i + PRELOAD_RECORDS));
      }
      span(out, records.get(i), attributes);
    }
    this.preloaded = preloaded;
  }

  private void span(ProtoWriter out, SpanRecord record, LimitedAttributes attributes) {
    int span = out.begin(SPANS);
    out.traceId(TRACE_ID, record.traceIdHigh(), record.traceIdLow());
    out.spanId(SPAN_ID, record.spanId());
    out.string(TRACE_STATE, traceState(record.traceState()));
    out.spanId(PARENT_SPAN_ID, record.parentSpanId());
    out.string(NAME, record.startName(), record.nameRoute());
    out.uint32(KIND, kind(record));
    out.fixed64(START_TIME, record.startEpochNanos());
    out.fixed64(END_TIME, record.endEpochNanos());
    fields.start(out, ATTRIBUTES);
    SpanAttributes.collect(record, fields);
    if (fields.gaveUp()) {
      attributes.clear();
      SpanAttributes.collect(record, attributes);
      fields.writeInstead(attributes, DROPPED_ATTRIBUTES);
    }
    if (record.exception() != null) {
      exceptionEvent(out, record.exception(), record.endEpochNanos(), attributes);
    }
    out.uint32Message(STATUS, STATUS_CODE, record.error() ? STATUS_ERROR : 0);
    out.fixed32(FLAGS, record.parentRemote() ? FLAGS_REMOTE_PARENT : FLAGS_LOCAL_PARENT);
    out.end(span);
  }

  private void exceptionEvent(ProtoWriter out, Throwable error, long epochNanos, LimitedAttributes attributes) {
    int event = out.begin(EVENTS);
    out.fixed64(EVENT_TIME, epochNanos);
    out.string(EVENT_NAME, "exception");
    attributes.clear();
    ExceptionAttributes.collect(error, attributes);
    OtlpCommon.attributes(out, EVENT_ATTRIBUTES, attributes);
    out.end(event);
  }

  /** OTLP's span kind numbers: internal 1, server 2, client 3. */
  private static int kind(SpanRecord record) {
    switch (record.kind()) {
      case SERVER:
        return 2;
      case CLIENT:
        return 3;
      default:
        return 1;
    }
  }

  /** The caller's {@code tracestate} as the SDK would pass it on: members it accepts, in order. */
  private String traceState(String header) {
    if (header == null) {
      return null;
    }
    if (!header.equals(lastTraceState)) {
      TraceState parsed = SpanConverter.parseTraceState(header);
      lastTraceStateEncoded = parsed.isEmpty() ? null : W3CTraceContextEncoding.encodeTraceState(parsed);
      lastTraceState = header;
    }
    return lastTraceStateEncoded;
  }

}
