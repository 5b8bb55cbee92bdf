package dev.sidecar.agent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidecar.bootstrap.CurrentSpan;
import dev.sidecar.bootstrap.Handoff;
import dev.sidecar.bootstrap.Ids;
import dev.sidecar.bootstrap.Sampler;
import dev.sidecar.bootstrap.SpanKind;
import dev.sidecar.bootstrap.SpanRecord;
import dev.sidecar.bootstrap.TraceParent;
import dev.sidecar.bootstrap.http.HttpAttributes;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SpanConverterTest {
  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String PARENT_ID = "b7ad6b7169203331";

  private final Resource resource = Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "shop"));
  private final SpanConverter converter = new SpanConverter(resource, "1.2.3");

  @BeforeEach
  void freshQueueAndSampler() {
    Handoff.configure(64, 8);
    Sampler.install(Sampler.parentBased(1.0));
    CurrentSpan.set(null);
  }

  @AfterEach
  void clearCurrent() {
    CurrentSpan.set(null);
  }

  private static SpanRecord root(SpanKind kind, String name) {
    return SpanRecord.startCurrent("io.test.scope", kind, name, null, null, null);
  }

  @Test
  void rootSpanIdsKindStatusScopeAndResource() {
    SpanRecord record = root(SpanKind.SERVER, "GET /orders");
    record.end();
    SpanData span = converter.convert(record);

    assertEquals("GET /orders", span.getName());
    assertEquals(Ids.traceIdHex(record.traceIdHigh(), record.traceIdLow()), span.getTraceId());
    assertEquals(Ids.hex(record.spanId()), span.getSpanId());
    assertTrue(span.getSpanContext().isValid());
    assertTrue(span.getSpanContext().isSampled());
    assertFalse(span.getParentSpanContext().isValid());
    assertEquals(io.opentelemetry.api.trace.SpanKind.SERVER, span.getKind());
    assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
    assertEquals(record.startEpochNanos(), span.getStartEpochNanos());
    assertEquals(record.endEpochNanos(), span.getEndEpochNanos());
    assertTrue(span.hasEnded());
    assertTrue(span.getEvents().isEmpty());
    assertEquals("io.test.scope", span.getInstrumentationScopeInfo().getName());
    assertEquals("1.2.3", span.getInstrumentationScopeInfo().getVersion());
    assertSame(resource, span.getResource());
  }

  @Test
  void kindsMapOneToOne() {
    assertEquals(io.opentelemetry.api.trace.SpanKind.CLIENT, converter.convert(root(SpanKind.CLIENT, "c")).getKind());
    assertEquals(io.opentelemetry.api.trace.SpanKind.INTERNAL, converter.convert(root(SpanKind.INTERNAL, "i")).getKind());
    assertEquals(io.opentelemetry.api.trace.SpanKind.SERVER, converter.convert(root(SpanKind.SERVER, "s")).getKind());
  }

  @Test
  void localChildPointsAtItsParent() {
    SpanRecord parent = root(SpanKind.SERVER, "parent");
    SpanRecord child = SpanRecord.startCurrent("io.test.scope", SpanKind.CLIENT, "child", parent, null, null);
    SpanData span = converter.convert(child);

    assertEquals(Ids.traceIdHex(parent.traceIdHigh(), parent.traceIdLow()), span.getTraceId());
    assertTrue(span.getParentSpanContext().isValid());
    assertFalse(span.getParentSpanContext().isRemote());
    assertEquals(Ids.hex(parent.spanId()), span.getParentSpanId());
  }

  @Test
  void remoteParentAndTraceStateInOrder() {
    TraceParent remote = TraceParent.parse("00-" + TRACE_ID + "-" + PARENT_ID + "-01", "a=1,b=2");
    SpanRecord record = SpanRecord.startCurrent("io.test.scope", SpanKind.SERVER, "GET", null, remote, null);
    record.end();
    SpanData span = converter.convert(record);

    assertEquals(TRACE_ID, span.getTraceId());
    assertTrue(span.getParentSpanContext().isRemote());
    assertEquals(PARENT_ID, span.getParentSpanId());
    assertEquals(TRACE_ID, span.getParentSpanContext().getTraceId());
    assertFalse(span.getSpanContext().isRemote());
    assertEquals(Arrays.asList("a=1", "b=2"), members(span));
  }

  @Test
  void traceStateIsNotReordered() {
    TraceParent remote = TraceParent.parse("00-" + TRACE_ID + "-" + PARENT_ID + "-01", "zz=9, a=1 ,mm=5");
    SpanRecord parent = SpanRecord.startCurrent("io.test.scope", SpanKind.SERVER, "s", null, remote, null);
    SpanRecord child = SpanRecord.startCurrent("io.test.scope", SpanKind.CLIENT, "c", parent, null, null);
    assertEquals(Arrays.asList("zz=9", "a=1", "mm=5"), members(converter.convert(child)));
  }

  private static List<String> members(SpanData span) {
    List<String> members = new ArrayList<>();
    span.getSpanContext().getTraceState().forEach((key, value) -> members.add(key + "=" + value));
    return members;
  }

  @Test
  void attributesAreConverted() throws Exception {
    InetSocketAddress peer = new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 54321);
    SpanRecord record = root(SpanKind.SERVER, "GET")
        .attribute(HttpAttributes.RESPONSE_STATUS_CODE, 200)
        .attribute("server.port", 8080L)
        .attribute("flag", Boolean.TRUE)
        .attribute(HttpAttributes.URL_PATH, "/orders")
        .attribute(HttpAttributes.URL_FULL, "https://user:pass@host:8443/p?sig=abc&x=1")
        .attribute(HttpAttributes.NETWORK_PEER_ADDRESS, peer);
    Attributes attributes = converter.convert(record).getAttributes();

    assertEquals(200L, attributes.get(AttributeKey.longKey("http.response.status_code")));
    assertEquals(8080L, attributes.get(AttributeKey.longKey("server.port")));
    assertEquals(true, attributes.get(AttributeKey.booleanKey("flag")));
    assertEquals("/orders", attributes.get(AttributeKey.stringKey("url.path")));
    assertEquals("https://REDACTED:REDACTED@host:8443/p?sig=REDACTED&x=1", attributes.get(AttributeKey.stringKey("url.full")));
    assertEquals("127.0.0.1", attributes.get(AttributeKey.stringKey("client.address")));
    assertEquals("127.0.0.1", attributes.get(AttributeKey.stringKey("network.peer.address")));
    assertEquals(54321L, attributes.get(AttributeKey.longKey("network.peer.port")));
    assertEquals(Thread.currentThread().getId(), attributes.get(AttributeKey.longKey("thread.id")));
    assertEquals(Thread.currentThread().getName(), attributes.get(AttributeKey.stringKey("thread.name")));
    assertEquals(10, attributes.size());
  }

  @Test
  void aClientNamedByAProxyIsKeptBesideThePeer() throws Exception {
    InetSocketAddress peer = new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, 0, 9}), 40000);
    SpanRecord record = root(SpanKind.SERVER, "GET")
        .attribute(HttpAttributes.NETWORK_PEER_ADDRESS, peer)
        .attribute(HttpAttributes.CLIENT_ADDRESS, "192.0.2.1")
        .attribute("http.request.header.x-id", new String[] {"a"});
    Attributes attributes = converter.convert(record).getAttributes();
    assertEquals("192.0.2.1", attributes.get(AttributeKey.stringKey("client.address")));
    assertEquals("10.0.0.9", attributes.get(AttributeKey.stringKey("network.peer.address")));
    assertEquals(List.of("a"), attributes.get(AttributeKey.stringArrayKey("http.request.header.x-id")));
  }

  @Test
  void failureWithExceptionIsAnErrorWithOneExceptionEvent() {
    SpanRecord record = root(SpanKind.SERVER, "GET");
    record.fail(new IllegalStateException("boom"));
    record.end();
    SpanData span = converter.convert(record);

    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals(1, span.getEvents().size());
    assertEquals(1, span.getTotalRecordedEvents());
    EventData event = span.getEvents().get(0);
    assertEquals("exception", event.getName());
    assertEquals(record.endEpochNanos(), event.getEpochNanos());
    Attributes attributes = event.getAttributes();
    assertEquals("java.lang.IllegalStateException", attributes.get(AttributeKey.stringKey("exception.type")));
    assertEquals("boom", attributes.get(AttributeKey.stringKey("exception.message")));
    String stack = attributes.get(AttributeKey.stringKey("exception.stacktrace"));
    assertTrue(stack.startsWith("java.lang.IllegalStateException: boom"), stack);
    assertTrue(stack.contains(SpanConverterTest.class.getName()), stack);
  }

  @Test
  void failureWithoutExceptionHasNoEventAndNoMessageWhenNull() {
    SpanRecord plain = root(SpanKind.CLIENT, "GET");
    plain.fail(null);
    SpanData span = converter.convert(plain);
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertTrue(span.getEvents().isEmpty());

    SpanRecord silent = root(SpanKind.CLIENT, "GET");
    silent.fail(new RuntimeException());
    Attributes attributes = converter.convert(silent).getEvents().get(0).getAttributes();
    assertEquals(null, attributes.get(AttributeKey.stringKey("exception.message")));
    assertEquals("java.lang.RuntimeException", attributes.get(AttributeKey.stringKey("exception.type")));
  }

  @Test
  void fractionalNumbersStayDoubles() {
    SpanRecord record = root(SpanKind.INTERNAL, "work").attribute("ratio", 0.75);
    assertEquals(0.75, converter.convert(record).getAttributes().get(AttributeKey.doubleKey("ratio")));
  }
}
