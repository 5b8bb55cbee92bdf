package dev.sidecar.agent.export;

import dev.sidecar.bootstrap.Ids;
import dev.sidecar.bootstrap.SpanRecord;
import dev.sidecar.bootstrap.http.HttpAttributes;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
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
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
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
  private static final AttributeKey<String> CLIENT_ADDRESS = AttributeKey.stringKey(HttpAttributes.CLIENT_ADDRESS);
  private static final AttributeKey<String> NETWORK_PEER_ADDRESS = AttributeKey.stringKey("network.peer.address");
  private static final AttributeKey<Long> NETWORK_PEER_PORT = AttributeKey.longKey("network.peer.port");
  private static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");
  private static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");
  private static final AttributeKey<String> EXCEPTION_STACKTRACE = AttributeKey.stringKey("exception.stacktrace");

  private final Resource resource;
  private final String agentVersion;
  private final AttributeLimits limits;
  private final Map<String, InstrumentationScopeInfo> scopes = new HashMap<>();
  private final Map<String, AttributeKey<String>> stringKeys = new HashMap<>();
  private final Map<String, AttributeKey<Long>> longKeys = new HashMap<>();

  public SpanConverter(Resource resource, String agentVersion) {
    this(resource, agentVersion, AttributeLimits.DEFAULT);
  }

  public SpanConverter(Resource resource, String agentVersion, AttributeLimits limits) {
    this.resource = resource;
    this.agentVersion = agentVersion;
    this.limits = limits;
  }

  SpanData convert(SpanRecord record) {
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
    LimitedAttributes builder = new LimitedAttributes(limits);
    for (int slot = 0; slot < record.attributeSlots(); slot += 2) {
      String key = record.attributeKey(slot);
      Object value = record.attributeValue(slot);
      if (value instanceof String) {
        String text = (String) value;
        builder.put(stringKey(key), key.equals(HttpAttributes.URL_FULL) ? UrlRedactor.redact(text) : text);
      } else if (value instanceof Double || value instanceof Float) {
        builder.putOther(AttributeKey.doubleKey(key), ((Number) value).doubleValue());
      } else if (value instanceof Number) {
        builder.putOther(longKey(key), ((Number) value).longValue());
      } else if (value instanceof Boolean) {
        builder.putOther(AttributeKey.booleanKey(key), (Boolean) value);
      } else if (value instanceof InetSocketAddress) {
        InetSocketAddress peer = (InetSocketAddress) value;
        InetAddress address = peer.getAddress();
        String text = address != null ? address.getHostAddress() : peer.getHostString();
        builder.put(NETWORK_PEER_ADDRESS, text);
        builder.putOther(NETWORK_PEER_PORT, (long) peer.getPort());
        // The connection's peer is the client unless a proxy header named another.
        if (record.attribute(HttpAttributes.CLIENT_ADDRESS) == null) {
          builder.put(CLIENT_ADDRESS, text);
        }
      } else if (value instanceof String[]) {
        builder.putStrings(AttributeKey.stringArrayKey(key), Arrays.asList((String[]) value));
      } else {
        builder.put(stringKey(key), String.valueOf(value));
      }
    }
    return builder;
  }

  private EventData exceptionEvent(Throwable error, long epochNanos) {
    StringWriter trace = new StringWriter();
    error.printStackTrace(new PrintWriter(trace));
    LimitedAttributes attributes = new LimitedAttributes(limits)
        .put(EXCEPTION_TYPE, error.getClass().getName())
        .put(EXCEPTION_STACKTRACE, trace.toString());
    if (error.getMessage() != null) {
      attributes.put(EXCEPTION_MESSAGE, error.getMessage());
    }
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
  static TraceState parseTraceState(String header) {
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

  private AttributeKey<String> stringKey(String key) {
    return stringKeys.computeIfAbsent(key, AttributeKey::stringKey);
  }

  private AttributeKey<Long> longKey(String key) {
    return longKeys.computeIfAbsent(key, AttributeKey::longKey);
  }
}
