package dev.sidecar.agent.export.otlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sidecar.agent.config.AgentConfig;
import dev.sidecar.agent.export.AttributeLimits;
import dev.sidecar.agent.export.LogConverter;
import dev.sidecar.agent.export.SpanConverter;
import dev.sidecar.bootstrap.CurrentSpan;
import dev.sidecar.bootstrap.Handoff;
import dev.sidecar.bootstrap.Sampler;
import dev.sidecar.bootstrap.SpanKind;
import dev.sidecar.bootstrap.SpanRecord;
import dev.sidecar.bootstrap.TraceParent;
import dev.sidecar.bootstrap.http.HttpAttributes;
import dev.sidecar.bootstrap.logs.LogCapture;
import dev.sidecar.bootstrap.logs.LogEvent;
import io.opentelemetry.exporter.internal.marshal.Marshaler;
import io.opentelemetry.exporter.internal.otlp.logs.LogsRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The encoders against the OpenTelemetry SDK's own marshalers: for the same records, the request
 * bytes are the ones the SDK's exporter sends for the span data and log records the converters make.
 */
class RequestEncodersTest {
  private final Resource resource = Resource.getDefault()
      .merge(Resource.builder().put("service.name", "shop").put("process.pid", 4242L).build());

  @BeforeEach
  void freshQueues() {
    Handoff.configure(64, 64);
    Handoff.configureLogs(64, 64);
    Sampler.install(Sampler.parentBased(1.0));
    CurrentSpan.set(null);
  }

  @AfterEach
  void clearCurrent() {
    CurrentSpan.set(null);
  }

  @Test
  void serverSpanWithEveryKindOfAttribute() throws IOException {
    SpanRecord span = SpanRecord.startCurrent("io.opentelemetry.tomcat-10.0", SpanKind.SERVER, "GET", null, null, null);
    span.nameAfterRoute("/orders/*");
    span.nameAfterRoute("/orders/{id}");
    everyKindOfAttribute(span).attribute("custom.lone.surrogates", "a\uD800b\uDC00\uD83D")
        .attribute("http.request.method", "POST");
    span.end();
    assertSameSpanBytes(AttributeLimits.general(AgentConfig.fromMap(Map.of())), span);
  }

  @Test
  void everyKindOfAttributeWrittenAsItIsCollected() throws IOException {
    // No key repeats and all fit the limits: the encoder writes each attribute as it is collected.
    SpanRecord span = SpanRecord.startCurrent("io.opentelemetry.tomcat-10.0", SpanKind.SERVER, "GET", null, null, null);
    everyKindOfAttribute(span).attribute("", "an empty key, left out");
    span.end();
    assertSameSpanBytes(AttributeLimits.general(AgentConfig.fromMap(Map.of())), span);
  }

  @Test
  void recordsThatNeedTheLimitsBetweenRecordsThatDoNot() throws IOException {
    List<SpanRecord> batch = new ArrayList<>();
    batch.add(ended(SpanRecord.startCurrent("scope", SpanKind.SERVER, "GET", null, null, null)
        .attribute("a", "1").attribute("b", 2)));
    // Two keys of one hash ("Aa" and "BB"), then a key recorded twice, then one the export adds too.
    batch.add(ended(SpanRecord.startCurrent("scope", SpanKind.SERVER, "GET", null, null, null)
        .attribute("Aa", "x").attribute("BB", "y")));
    batch.add(ended(SpanRecord.startCurrent("scope", SpanKind.SERVER, "GET", null, null, null)
        .attribute("k", "1").attribute("other", true).attribute("k", "2")));
    batch.add(ended(SpanRecord.startCurrent("scope", SpanKind.SERVER, "GET", null, null, null)
        .attribute("thread.id", "recorded").attribute("c", 3.5d)));
    batch.add(ended(SpanRecord.startCurrent("scope", SpanKind.CLIENT, "GET", null, null, null)
        .attribute("a", "1").attribute("b", 2)));
    assertSameSpanBytes(AttributeLimits.general(AgentConfig.fromMap(Map.of())), batch.toArray(new SpanRecord[0]));
  }

  @Test
  void valuesCutToTheLengthLimitUnderTheCountLimit() throws IOException {
    SpanRecord span = SpanRecord.startCurrent("scope", SpanKind.SERVER, "GET", null, null, null);
    span.attribute("a", "x".repeat(40)).attribute("b", 7).attribute("c", new String[] {"y".repeat(20), "z"})
        .attribute("e", true);
    span.end();
    AttributeLimits limits = AttributeLimits.general(AgentConfig.fromMap(
        Map.of("otel.attribute.value.length.limit", "8")));
    assertSameSpanBytes(limits, span);
  }

  /** A value of every kind an attribute may have, each under a key of its own. */
  private static SpanRecord everyKindOfAttribute(SpanRecord span) {
    return span.attribute(HttpAttributes.URL_FULL, "https://user:secret@shop.example/orders/7?sig=abc")
        .attribute("http.request.method", "GET")
        .attribute("http.response.status_code", 200)
        .attribute("http.request.body.size", 12_345_678_901L)
        .attribute("custom.negative", -3)
        .attribute("custom.ratio", 0.25d)
        .attribute("custom.float", 1.5f)
        .attribute("custom.flag", Boolean.TRUE)
        .attribute("custom.empty", "")
        .attribute("custom.unicode", "Grüße, 世界 \uD83D\uDE00")
        .attribute("http.request.header.accept", new String[] {"text/html", null, "application/json"})
        .attribute("network.peer", new InetSocketAddress(InetAddress.getLoopbackAddress(), 51234))
        .attribute("custom.other", new StringBuilder("to string"));
  }

  private static SpanRecord ended(SpanRecord span) {
    span.end();
    CurrentSpan.set(null);
    return span;
  }

  @Test
  void remoteParentTraceStateErrorAndException() throws IOException {
    TraceParent remote = TraceParent.parse("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        "vendor=opaque, other=1,bad key=x");
    SpanRecord failed = SpanRecord.startCurrent("scope", SpanKind.SERVER, "POST /pay", null, remote, "k=v");
    failed.fail(new IllegalStateException("card declined"));
    failed.attribute(HttpAttributes.CLIENT_ADDRESS, "203.0.113.9")
        .attribute("network.peer", InetSocketAddress.createUnresolved("proxy.internal", 8080));
    SpanRecord child = SpanRecord.startCurrent("scope", SpanKind.CLIENT, "GET", failed, null, null);
    child.end();
    SpanRecord internal = SpanRecord.startCurrent("scope", SpanKind.INTERNAL, "", child, null, null);
    internal.fail(null);
    internal.end();
    failed.end();
    assertSameSpanBytes(AttributeLimits.general(AgentConfig.fromMap(Map.of())), child, internal, failed);
  }

  @Test
  void attributeLimitsCutValuesAndCountTheDropped() throws IOException {
    SpanRecord span = SpanRecord.startCurrent("scope", SpanKind.SERVER, "GET", null, null, null);
    span.attribute("a", "x".repeat(40)).attribute("b", 7).attribute("c", new String[] {"y".repeat(20)})
        .attribute("d", "dropped").attribute("e", true);
    span.end();
    AttributeLimits limits = AttributeLimits.general(AgentConfig.fromMap(
        Map.of("otel.attribute.count.limit", "3", "otel.attribute.value.length.limit", "8")));
    assertSameSpanBytes(limits, span);
  }

  @Test
  void aBatchOfManySpansTakesLongLengths() throws IOException {
    List<SpanRecord> batch = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      // Names whole from the start, and names after a route, ASCII or not, written in two parts.
      SpanRecord span = SpanRecord.startCurrent("scope", SpanKind.SERVER, i % 3 == 0 ? "GET /item/" + i : "GET",
          null, null, null);
      if (i % 3 != 0) {
        span.nameAfterRoute("/item/" + i + (i % 3 == 1 ? "/größe" : "") + "/" + "r".repeat(i % 200));
      }
      span.attribute("url.path", "/item/" + "p".repeat(i % 300));
      span.end();
      CurrentSpan.set(null);
      batch.add(span);
    }
    AttributeLimits limits = AttributeLimits.general(AgentConfig.fromMap(Map.of()));
    byte[] ours = new SpanRequestEncoder(resource, "1.2.3", limits).encode(batch).toByteArray();
    assertArrayEquals(sdkSpanBytes(limits, batch), ours);
  }

  /**
   * Values the writer copies from the last record with the same key and value, values that change
   * every record or every few, and values too long to keep: the same bytes as the SDK's, batch
   * after batch of one encoder.
   */
  @Test
  void repeatedAndChangingAttributeValues() throws IOException {
    AttributeLimits limits = AttributeLimits.general(AgentConfig.fromMap(Map.of()));
    SpanRequestEncoder encoder = new SpanRequestEncoder(resource, "1.2.3", limits);
    for (int batchNumber = 0; batchNumber < 3; batchNumber++) {
      List<SpanRecord> batch = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        SpanRecord span = SpanRecord.startCurrent("scope", SpanKind.SERVER, "GET", null, null, null);
        span.attribute(HttpAttributes.REQUEST_METHOD, new String("GET".toCharArray()));
        span.attribute("url.path", "/item/" + i);
        span.attribute(HttpAttributes.CLIENT_ADDRESS, "10.0.0." + (i / 7));
        span.attribute("user_agent.original", (i % 3 == 0 ? "a" : "b").repeat(300));
        span.attribute("note", i % 2 == 0 ? "größe" : "size");
        span.attribute("flag", i % 5 == 0);
        span.end();
        CurrentSpan.set(null);
        batch.add(span);
      }
      assertArrayEquals(sdkSpanBytes(limits, batch), encoder.encode(batch).toByteArray(), "batch " + batchNumber);
    }
  }

  @Test
  void recordsWhoseLengthsTakeOneToFourBytes() throws IOException {
    List<SpanRecord> batch = new ArrayList<>();
    // Span bodies below 128 bytes, below 16 KB, below 2 MB and above: every size of length varint.
    for (int valueLength : new int[] {0, 100, 16_000, 16_400, 300_000, 2_100_000}) {
      SpanRecord span = SpanRecord.startCurrent("scope", SpanKind.INTERNAL, "s", null, null, null);
      if (valueLength > 0) {
        span.attribute("big", "v".repeat(valueLength)).attribute("n", valueLength);
      }
      span.end();
      CurrentSpan.set(null);
      batch.add(span);
    }
    AttributeLimits limits = AttributeLimits.general(AgentConfig.fromMap(Map.of()));
    assertArrayEquals(sdkSpanBytes(limits, batch),
        new SpanRequestEncoder(resource, "1.2.3", limits).encode(batch).toByteArray());

    List<LogEvent> events = new ArrayList<>();
    for (int bodyLength : new int[] {1, 200, 20_000, 3_000_000}) {
      LogCapture.emit(1_700_000_000_000_000_000L, 9, "INFO", "b".repeat(bodyLength), "shop.Orders", null);
    }
    Handoff.logs().drainTo(events, 64);
    assertEquals(4, events.size());
    assertArrayEquals(sdkLogBytes(limits, events), new LogRequestEncoder(resource, limits).encode(events)
        .toByteArray());
  }

  @Test
  void laterScopesWhoseLengthsTakeOneToFourBytes() throws IOException {
    // Each logger is a scope of its own: after the first, a group under 16 KB or over 2 MB takes
    // a head of another size than the room left for it, and moves.
    List<LogEvent> events = new ArrayList<>();
    int[] bodyLengths = {5, 20_000, 10, 3_000_000, 200, 40_000};
    for (int i = 0; i < bodyLengths.length; i++) {
      LogCapture.emit(1_700_000_000_000_000_000L, 9, "INFO", "c".repeat(bodyLengths[i]), "shop.Logger" + i, null);
    }
    Handoff.logs().drainTo(events, 64);
    assertEquals(bodyLengths.length, events.size());
    AttributeLimits limits = AttributeLimits.general(AgentConfig.fromMap(Map.of()));
    LogRequestEncoder encoder = new LogRequestEncoder(resource, limits);
    for (int round = 0; round < 2; round++) {
      EncodedRequest request = encoder.encode(events);
      assertSameLogScopes(limits, events, request.toByteArray());
      request.release();
    }
    List<LogEvent> reversed = new ArrayList<>(events);
    Collections.reverse(reversed);
    assertSameLogScopes(limits, reversed, encoder.encode(reversed).toByteArray());
    // The first group over 2 MB.
    assertSameLogScopes(limits, events.subList(3, 5), encoder.encode(events.subList(3, 5)).toByteArray());
  }

  /** The same request as the SDK's, but for the order of its scopes: ours in order of first appearance. */
  private void assertSameLogScopes(AttributeLimits limits, List<LogEvent> events, byte[] ours) throws IOException {
    byte[] sdkBytes = sdkLogBytes(limits, events);
    assertEquals(sdkBytes.length, ours.length);
    ExportLogsServiceRequest sdk = ExportLogsServiceRequest.parseFrom(sdkBytes);
    ExportLogsServiceRequest parsed = ExportLogsServiceRequest.parseFrom(ours);
    assertEquals(sdk.getResourceLogs(0).getResource(), parsed.getResourceLogs(0).getResource());
    Map<String, ScopeLogs> sdkScopes = new HashMap<>();
    sdk.getResourceLogs(0).getScopeLogsList().forEach(scope -> sdkScopes.put(scope.getScope().getName(), scope));
    Map<String, ScopeLogs> ourScopes = new HashMap<>();
    parsed.getResourceLogs(0).getScopeLogsList().forEach(scope -> ourScopes.put(scope.getScope().getName(), scope));
    assertEquals(sdkScopes, ourScopes);
    assertEquals(events.stream().map(LogEvent::loggerName).collect(Collectors.toList()),
        parsed.getResourceLogs(0).getScopeLogsList().stream().map(scope -> scope.getScope().getName())
            .collect(Collectors.toList()));
  }

  @Test
  void spansOfTwoScopesInterleaved() throws IOException {
    List<SpanRecord> batch = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      SpanRecord span = SpanRecord.startCurrent(i % 2 == 0 ? "io.opentelemetry.tomcat-10.0" : "io.opentelemetry.okhttp-3.0",
          i % 2 == 0 ? SpanKind.SERVER : SpanKind.CLIENT, "GET " + i, null, null, null);
      span.end();
      CurrentSpan.set(null);
      batch.add(span);
    }
    AttributeLimits limits = AttributeLimits.general(AgentConfig.fromMap(Map.of()));
    // Scopes may come in any order: the SDK groups them by hash, the encoder by first appearance.
    ExportTraceServiceRequest ours = ExportTraceServiceRequest.parseFrom(
        new SpanRequestEncoder(resource, "1.2.3", limits).encode(batch).toByteArray());
    ExportTraceServiceRequest sdk = ExportTraceServiceRequest.parseFrom(sdkSpanBytes(limits, batch));
    assertEquals(sdk.getResourceSpans(0).getResource(), ours.getResourceSpans(0).getResource());
    Map<String, ScopeSpans> sdkScopes = new HashMap<>();
    sdk.getResourceSpans(0).getScopeSpansList().forEach(scope -> sdkScopes.put(scope.getScope().getName(), scope));
    Map<String, ScopeSpans> ourScopes = new HashMap<>();
    ours.getResourceSpans(0).getScopeSpansList().forEach(scope -> ourScopes.put(scope.getScope().getName(), scope));
    assertEquals(2, ourScopes.size());
    assertEquals(sdkScopes, ourScopes);
    assertEquals(List.of("GET 0", "GET 2", "GET 4"), ours.getResourceSpans(0).getScopeSpans(0).getSpansList().stream()
        .map(span -> span.getName()).collect(Collectors.toList()));
  }

  @Test
  void theEncoderIsReusedBatchAfterBatch() throws IOException {
    AttributeLimits limits = AttributeLimits.general(AgentConfig.fromMap(Map.of()));
    SpanRequestEncoder encoder = new SpanRequestEncoder(resource, "1.2.3", limits);
    for (int round = 0; round < 3; round++) {
      SpanRecord span = SpanRecord.startCurrent("scope-" + round, SpanKind.SERVER, "GET " + round, null, null, null);
      span.attribute("round", round);
      span.end();
      CurrentSpan.set(null);
      assertArrayEquals(sdkSpanBytes(limits, List.of(span)), encoder.encode(List.of(span)).toByteArray());
    }
  }

  @Test
  void aRequestKeepsItsBytesUntilReleasedAndItsArrayThenTakesALaterBatch() throws IOException {
    AttributeLimits limits = AttributeLimits.general(AgentConfig.fromMap(Map.of()));
    SpanRequestEncoder encoder = new SpanRequestEncoder(resource, "1.2.3", limits);
    List<SpanRecord> large = spans(20, "large");
    List<SpanRecord> small = spans(2, "small");
    EncodedRequest first = encoder.encode(large);
    EncodedRequest second = encoder.encode(small);
    // Not released: encoding the second batch left the first one's bytes alone.
    assertArrayEquals(sdkSpanBytes(limits, large), first.toByteArray());
    assertArrayEquals(sdkSpanBytes(limits, small), second.toByteArray());
    first.release();
    second.release();
    // The smaller batch now goes into an array that held a larger one: only its own bytes are sent.
    for (int round = 0; round < 3; round++) {
      EncodedRequest again = encoder.encode(small);
      assertArrayEquals(sdkSpanBytes(limits, small), again.toByteArray());
      assertEquals(again.toByteArray().length, again.getBinarySerializedSize());
      again.release();
    }
  }

  private static List<SpanRecord> spans(int count, String prefix) {
    List<SpanRecord> spans = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      SpanRecord span = SpanRecord.startCurrent("scope", SpanKind.SERVER, "GET /" + prefix + "/" + i, null, null, null);
      span.attribute("url.path", "/" + prefix + "/" + i);
      span.end();
      CurrentSpan.set(null);
      spans.add(span);
    }
    return spans;
  }

  @Test
  void aBatchThatFailsToEncodeLeavesNothingForTheNext() throws IOException {
    AttributeLimits limits = AttributeLimits.general(AgentConfig.fromMap(Map.of()));
    SpanRequestEncoder encoder = new SpanRequestEncoder(resource, "1.2.3", limits);
    SpanRecord first = SpanRecord.startCurrent("scope-a", SpanKind.SERVER, "GET /a", null, null, null);
    first.end();
    SpanRecord faulty = SpanRecord.startCurrent("scope-b", SpanKind.SERVER, "GET /b", null, null, null);
    faulty.attribute("custom.other", new Object() {
      @Override
      public String toString() {
        throw new IllegalStateException("no text");
      }
    });
    faulty.end();
    CurrentSpan.set(null);
    IllegalStateException thrown = assertThrows(IllegalStateException.class,
        () -> encoder.encode(List.of(first, faulty)));
    assertEquals("no text", thrown.getMessage());

    SpanRecord next = SpanRecord.startCurrent("scope-a", SpanKind.SERVER, "GET /c", null, null, null);
    next.end();
    CurrentSpan.set(null);
    assertArrayEquals(sdkSpanBytes(limits, List.of(next)), encoder.encode(List.of(next)).toByteArray());
  }

  @Test
  void logRecordsInAndOutOfSpans() throws IOException {
    List<LogEvent> events = new ArrayList<>();
    LogCapture.emit(1_700_000_000_000_000_001L, 9, "INFO", "outside any span", "shop.Orders", null);
    SpanRecord span = SpanRecord.startCurrent("scope", SpanKind.SERVER, "GET", null, null, null);
    LogCapture.emit(1_700_000_000_000_000_002L, 13, "WARNING", "low stock: ünïcode", "shop.Orders", null,
        new String[] {"order.id", "7", "user", ""});
    LogCapture.emit(0, 17, "SEVERE", null, "shop.Orders", new IllegalArgumentException("bad"));
    LogCapture.emit(3, 99, "", "", "shop.Orders", null);
    LogCapture.emit(4, 5, "FINE", "another logger", "shop.Payments", null);
    LogCapture.emit(5, 5, "FINE", "no logger name", null, null);
    LogCapture.emit(6, 9, "INFO", "the first logger again", "shop.Orders", null);
    span.end();
    Handoff.logs().drainTo(events, 64);
    assertEquals(7, events.size());
    AttributeLimits limits = AttributeLimits.general(AgentConfig.fromMap(Map.of()));
    // Scopes may come in any order: the SDK groups them by hash, the encoder by first appearance.
    ExportLogsServiceRequest ours = ExportLogsServiceRequest.parseFrom(
        new LogRequestEncoder(resource, limits).encode(events).toByteArray());
    ExportLogsServiceRequest sdk = ExportLogsServiceRequest.parseFrom(sdkLogBytes(limits, events));
    assertEquals(3, ours.getResourceLogs(0).getScopeLogsCount());
    assertEquals(sdk.getResourceLogs(0).getResource(), ours.getResourceLogs(0).getResource());
    assertEquals(byScope(sdk.getResourceLogs(0).getScopeLogsList()), byScope(ours.getResourceLogs(0).getScopeLogsList()));
    assertEquals(List.of("shop.Orders", "shop.Payments", ""),
        ours.getResourceLogs(0).getScopeLogsList().stream().map(scope -> scope.getScope().getName()).collect(Collectors.toList()));
    assertEquals(List.of("outside any span", "low stock: ünïcode", "", "", "the first logger again"),
        ours.getResourceLogs(0).getScopeLogs(0).getLogRecordsList().stream().map(log -> log.getBody().getStringValue()).collect(Collectors.toList()));
  }

  @Test
  void aLongBatchOfLogRecordsEncodesAsTheSdkDoes() throws IOException {
    // 40 events of one logger: bodies absent, empty, ASCII and not; context values present and absent.
    for (int i = 0; i < 40; i++) {
      String body = i % 7 == 3 ? null : i % 5 == 0 ? "" : "order " + i + (i % 3 == 0 ? " ünïcode" : "");
      String[] context = i % 4 == 1 ? new String[] {"order.id", String.valueOf(i), "user", i % 8 == 1 ? null : "u"} : null;
      LogCapture.emit(1_700_000_000_000_000_000L + i, 9, "INFO", body, "shop.Orders", null, context);
    }
    List<LogEvent> events = new ArrayList<>();
    Handoff.logs().drainTo(events, 64);
    assertEquals(40, events.size());
    AttributeLimits limits = AttributeLimits.general(AgentConfig.fromMap(Map.of()));
    assertArrayEquals(sdkLogBytes(limits, events), new LogRequestEncoder(resource, limits).encode(events)
        .toByteArray());
  }

  @Test
  void aLogRecordWhoseContextRepeatsTheThreadsKey() throws IOException {
    LogCapture.emit(1, 9, "INFO", "plain", "shop.Orders", null, new String[] {"order.id", "7"});
    LogCapture.emit(2, 9, "INFO", "repeats", "shop.Orders", null, new String[] {"thread.name", "from the context"});
    LogCapture.emit(3, 9, "INFO", "plain again", "shop.Orders", null, new String[] {"order.id", "8"});
    List<LogEvent> events = new ArrayList<>();
    Handoff.logs().drainTo(events, 64);
    AttributeLimits limits = AttributeLimits.general(AgentConfig.fromMap(Map.of()));
    assertArrayEquals(sdkLogBytes(limits, events), new LogRequestEncoder(resource, limits).encode(events)
        .toByteArray());
  }

  private static Map<String, ScopeLogs> byScope(List<ScopeLogs> scopes) {
    Map<String, ScopeLogs> byName = new HashMap<>();
    scopes.forEach(scope -> byName.put(scope.getScope().getName(), scope));
    return byName;
  }

  @Test
  void logRecordsOfAnUnsampledSpanCarryItsIdsWithoutTheSampledFlag() throws IOException {
    Sampler.install(Sampler.parentBased(0.0));
    SpanRecord.startCurrent("scope", SpanKind.SERVER, "GET", null, null, null);
    LogCapture.emit(5, 9, "INFO", "not sampled", "shop", null);
    List<LogEvent> events = new ArrayList<>();
    Handoff.logs().drainTo(events, 64);
    AttributeLimits limits = AttributeLimits.general(AgentConfig.fromMap(Map.of()));
    assertArrayEquals(sdkLogBytes(limits, events), new LogRequestEncoder(resource, limits).encode(events)
        .toByteArray());
  }

  private void assertSameSpanBytes(AttributeLimits limits, SpanRecord... spans) throws IOException {
    List<SpanRecord> batch = List.of(spans);
    assertArrayEquals(sdkSpanBytes(limits, batch),
        new SpanRequestEncoder(resource, "1.2.3", limits).encode(batch).toByteArray());
  }

  private byte[] sdkSpanBytes(AttributeLimits limits, List<SpanRecord> records) throws IOException {
    SpanConverter converter = new SpanConverter(resource, "1.2.3", limits);
    List<SpanData> data = new ArrayList<>();
    records.forEach(record -> data.add(converter.convert(record)));
    return bytes(TraceRequestMarshaler.create(data));
  }

  private byte[] sdkLogBytes(AttributeLimits limits, List<LogEvent> events) throws IOException {
    LogConverter converter = new LogConverter(resource, limits);
    List<LogRecordData> data = new ArrayList<>();
    events.forEach(event -> data.add(converter.convert(event)));
    return bytes(LogsRequestMarshaler.create(data));
  }

  private static byte[] bytes(Marshaler marshaler) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    marshaler.writeBinaryTo(out);
    return out.toByteArray();
  }
}
