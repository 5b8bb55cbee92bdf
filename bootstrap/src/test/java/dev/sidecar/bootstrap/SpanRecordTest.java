package dev.sidecar.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SpanRecordTest {
  private static final String REMOTE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @BeforeEach
  void freshState() {
    Handoff.configure(64, 64);
    CurrentSpan.set(null);
  }

  @AfterEach
  void restore() {
    Sampler.install(Sampler.parentBased(1.0));
    CurrentSpan.set(null);
  }

  private static List<SpanRecord> drain() {
    List<SpanRecord> out = new ArrayList<>();
    Handoff.spans().drainTo(out, 1000);
    return out;
  }

  @Test
  void rootBecomesCurrentAndCloseScopeRestoresPrevious() {
    SpanRecord root = SpanRecord.startCurrent("s", SpanKind.INTERNAL, "root", null, null, null);
    assertSame(root, CurrentSpan.get());
    assertEquals(0, root.parentSpanId());
    assertFalse(root.parentRemote());
    assertTrue(root.sampled());
    assertNotEquals(0, root.traceIdHigh());
    assertNotEquals(0, root.traceIdLow());
    assertNotEquals(0, root.spanId());
    assertEquals(SpanKind.INTERNAL, root.kind());
    assertEquals("s", root.scope());
    assertEquals("root", root.name());

    SpanRecord child = SpanRecord.startCurrent("s", SpanKind.CLIENT, "child", root, null, null);
    assertSame(child, CurrentSpan.get());
    child.closeScope();
    assertSame(root, CurrentSpan.get());
    root.closeScope();
    assertNull(CurrentSpan.get());
  }

  @Test
  void closeScopeOfANonCurrentSpanChangesNothing() {
    SpanRecord root = SpanRecord.startCurrent("s", SpanKind.INTERNAL, "root", null, null, null);
    SpanRecord child = SpanRecord.startCurrent("s", SpanKind.INTERNAL, "child", root, null, null);
    root.closeScope();
    assertSame(child, CurrentSpan.get());
  }

  @Test
  void childSharesTraceIdAndPointsAtParent() {
    SpanRecord root = SpanRecord.startCurrent("s", SpanKind.SERVER, "root", null, null, "k=v");
    SpanRecord child = SpanRecord.startCurrent("s", SpanKind.CLIENT, "child", root, null, null);
    assertEquals(root.traceIdHigh(), child.traceIdHigh());
    assertEquals(root.traceIdLow(), child.traceIdLow());
    assertEquals(root.spanId(), child.parentSpanId());
    assertNotEquals(root.spanId(), child.spanId());
    assertFalse(child.parentRemote());
    assertEquals("k=v", child.baggage(), "baggage is inherited");
    SpanRecord own = SpanRecord.startCurrent("s", SpanKind.CLIENT, "own", root, null, "x=y");
    assertEquals("x=y", own.baggage(), "explicit baggage wins");
  }

  @Test
  void remoteParentSetsIdsAndParentRemote() {
    TraceParent remote = TraceParent.parse(REMOTE, "congo=t61rcWkgMzE");
    SpanRecord span = SpanRecord.startCurrent("s", SpanKind.SERVER, "srv", null, remote, null);
    assertTrue(span.parentRemote());
    assertEquals(0x4bf92f3577b34da6L, span.traceIdHigh());
    assertEquals(0xa3ce929d0e0e4736L, span.traceIdLow());
    assertEquals(0x00f067aa0ba902b7L, span.parentSpanId());
    assertNotEquals(0x00f067aa0ba902b7L, span.spanId());
    assertEquals("congo=t61rcWkgMzE", span.traceState());
    assertTrue(span.sampled());
    assertTrue(span.traceparent().startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-"));
    assertTrue(span.traceparent().endsWith("-01"));

    SpanRecord child = SpanRecord.startCurrent("s", SpanKind.CLIENT, "c", span, null, null);
    assertEquals("congo=t61rcWkgMzE", child.traceState(), "tracestate travels to children");
    assertFalse(child.parentRemote());
  }

  @Test
  void unsampledRemoteParentIsFollowedByDefault() {
    TraceParent remote = TraceParent.parse(REMOTE.substring(0, 53) + "00", null);
    SpanRecord span = SpanRecord.startCurrent("s", SpanKind.SERVER, "srv", null, remote, null);
    assertFalse(span.sampled());
    span.end();
    assertEquals(0, Handoff.spans().size());
  }

  @Test
  void unsampledSpanRecordsNothingAndIsNotHandedOff() {
    Sampler.install(Sampler.ratio(0));
    SpanRecord span = SpanRecord.startCurrent("s", SpanKind.INTERNAL, "quiet", null, null, null);
    assertFalse(span.sampled());
    span.attribute("a", "b").attribute("n", 1);
    assertEquals(0, span.attributeSlots());
    assertNull(span.attribute("a"));
    String header = span.traceparent();
    assertTrue(header.endsWith("-00"), header);
    TraceParent parsed = TraceParent.parse(header, null);
    assertEquals(span.traceIdLow(), parsed.traceIdLow());
    assertEquals(span.spanId(), parsed.spanId());
    span.end();
    assertTrue(span.ended());
    // Nobody reads an unsampled span's times: no clock was read for them.
    assertEquals(0, span.startEpochNanos());
    assertEquals(0, span.endEpochNanos());
    assertEquals(0, Handoff.spans().size());
    assertTrue(drain().isEmpty());
  }

  @Test
  void attributesAreRecordedInOrderAndGrowPastInitialSlots() {
    SpanRecord span = SpanRecord.startCurrent("s", SpanKind.INTERNAL, "n", null, null, null);
    span.attribute("skip", null);
    for (int i = 0; i < 40; i++) {
      span.attribute("k" + i, i);
    }
    assertEquals(80, span.attributeSlots());
    assertEquals("k0", span.attributeKey(0));
    assertEquals(0, span.attributeValue(0));
    assertEquals("k39", span.attributeKey(78));
    assertEquals(39, span.attributeValue(78));
    assertEquals(17, span.attribute("k17"));
    assertNull(span.attribute("skip"));
  }

  @Test
  void endTwiceHandsOffOnce() {
    SpanRecord span = SpanRecord.startCurrent("s", SpanKind.INTERNAL, "n", null, null, null);
    assertFalse(span.ended());
    assertEquals(0, span.endEpochNanos());
    span.end();
    assertTrue(span.ended());
    long ended = span.endEpochNanos();
    assertTrue(span.startEpochNanos() > 0);
    assertTrue(ended >= span.startEpochNanos());
    span.end();
    assertEquals(ended, span.endEpochNanos());
    List<SpanRecord> handed = drain();
    assertEquals(1, handed.size());
    assertSame(span, handed.get(0));
  }

  @Test
  void fail() {
    SpanRecord span = SpanRecord.startCurrent("s", SpanKind.INTERNAL, "n", null, null, null);
    assertFalse(span.error());
    IllegalStateException boom = new IllegalStateException("boom");
    span.fail(boom);
    span.fail(null);
    assertTrue(span.error());
    assertSame(boom, span.exception(), "a later fail(null) keeps the exception");
  }

  @Test
  void aSampledSpanKeepsTheThreadThatStartedIt() {
    SpanRecord span = SpanRecord.startCurrent("s", SpanKind.SERVER, "GET", null, null, null);
    assertSame(Thread.currentThread(), span.thread());
    CurrentSpan.set(null);
    SpanRecord.threadDetails(false);
    try {
      assertNull(SpanRecord.startCurrent("s", SpanKind.SERVER, "GET", null, null, null).thread());
    } finally {
      SpanRecord.threadDetails(true);
    }
  }

  @Test
  void namedAfterARouteTheLastRouteFollowsTheStartName() {
    SpanRecord span = SpanRecord.startCurrent("s", SpanKind.SERVER, "GET", null, null, null);
    assertEquals("GET", span.name());
    assertNull(span.nameRoute());
    span.nameAfterRoute("/users/*");
    span.nameAfterRoute("/users/{id}");
    assertEquals("GET /users/{id}", span.name());
    assertEquals("GET", span.startName());
    assertEquals("/users/{id}", span.nameRoute());
  }
}
