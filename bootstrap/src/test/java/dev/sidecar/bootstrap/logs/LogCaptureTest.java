package dev.sidecar.bootstrap.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidecar.bootstrap.CurrentSpan;
import dev.sidecar.bootstrap.Handoff;
import dev.sidecar.bootstrap.SpanKind;
import dev.sidecar.bootstrap.SpanRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogCaptureTest {
  @BeforeEach
  void freshQueue() {
    Handoff.configureLogs(16, 4);
    LogCapture.configure(Severity.TRACE);
  }

  @AfterEach
  void reset() {
    CurrentSpan.set(null);
    LogCapture.configure(Severity.TRACE);
    LogCapture.limitBody(Integer.MAX_VALUE);
  }

  @Test
  void anOversizedBodyIsCutWhereItIsCapturedAndOthersAreNotCopied() {
    LogCapture.limitBody(10);
    String small = "0123456789";
    LogCapture.emit(1, Severity.INFO, "INFO", small, "shop", null);
    LogCapture.emit(1, Severity.INFO, "INFO", "x".repeat(1_000_000), "shop", null);
    List<LogEvent> events = drained();
    assertSame(small, events.get(0).body());
    assertEquals("x".repeat(10), events.get(1).body());
  }

  private static List<LogEvent> drained() {
    List<LogEvent> events = new ArrayList<>();
    Handoff.logs().drainTo(events, 100);
    return events;
  }

  @Test
  void onlyTheOutermostLoggingCallCaptures() {
    assertTrue(LogCapture.enter());
    assertFalse(LogCapture.enter(), "a bridge's nested call");
    LogCapture.exit();
    LogCapture.exit();
    assertTrue(LogCapture.enter(), "balanced exits reset the depth");
    LogCapture.exit();
  }

  @Test
  void anEventCarriesItsFieldsAndTheCurrentSpan() {
    SpanRecord span = SpanRecord.startCurrent("test", SpanKind.SERVER, "GET", null, null, null);
    IllegalStateException thrown = new IllegalStateException("x");
    LogCapture.emit(1_700_000_000_123_456_789L, Severity.WARN, "WARN", "body", "shop.Orders", thrown);
    LogEvent event = drained().get(0);
    assertEquals(1_700_000_000_123_456_789L, event.epochNanos());
    assertTrue(event.observedEpochNanos() > 0);
    assertEquals(Severity.WARN, event.severityNumber());
    assertEquals("WARN", event.severityText());
    assertEquals("body", event.body());
    assertEquals("shop.Orders", event.loggerName());
    assertEquals(Thread.currentThread().getName(), event.threadName());
    assertSame(thrown, event.thrown());
    assertEquals(span.traceIdLow(), event.traceIdLow());
    assertEquals(span.spanId(), event.spanId());
    assertTrue(event.sampled());
  }

  @Test
  void outsideASpanTheIdsAreZeroAndATimestamplessEventTakesTheObservedTime() {
    LogCapture.emit(0, Severity.INFO, "INFO", "b", "l", null);
    LogEvent event = drained().get(0);
    assertEquals(0, event.spanId());
    assertEquals(event.observedEpochNanos(), event.epochNanos());
    assertNull(event.thrown());
  }

  @Test
  void theMinimumSeverityDropsLessSevereEvents() {
    LogCapture.configure(Severity.WARN);
    assertFalse(LogCapture.wanted(Severity.INFO));
    assertTrue(LogCapture.wanted(Severity.ERROR));
    LogCapture.emit(0, Severity.INFO, "INFO", "quiet", "l", null);
    LogCapture.emit(0, Severity.ERROR, "ERROR", "loud", "l", null);
    List<LogEvent> events = drained();
    assertEquals(1, events.size());
    assertEquals("loud", events.get(0).body());
  }

  @Test
  void julMessagesAreFormattedLikeJulDoes() {
    assertEquals("order 42 of ann", LogCapture.julMessage("order {0} of {1}", new Object[] {42, "ann"}));
    assertEquals("no params {0}", LogCapture.julMessage("no params {0}", null));
    assertEquals("plain", LogCapture.julMessage("plain", new Object[] {1}));
    assertEquals("bad {0", LogCapture.julMessage("bad {0", new Object[] {1}));
    assertNull(LogCapture.julMessage(null, new Object[] {1}));
  }

  @Test
  void severitiesMapAsOpenTelemetryMapsThem() {
    assertEquals(Severity.FATAL, Severity.ofJulLevel(1100));
    assertEquals(Severity.ERROR, Severity.ofJulLevel(1000));
    assertEquals(Severity.ERROR, Severity.ofJulLevel(950));
    assertEquals(Severity.WARN, Severity.ofJulLevel(900));
    assertEquals(Severity.INFO, Severity.ofJulLevel(800));
    assertEquals(7, Severity.ofJulLevel(700), "CONFIG is DEBUG3");
    assertEquals(6, Severity.ofJulLevel(500), "FINE is DEBUG2");
    assertEquals(Severity.DEBUG, Severity.ofJulLevel(400));
    assertEquals(Severity.TRACE, Severity.ofJulLevel(300));
    assertEquals(Severity.FATAL, Severity.ofName("FATAL"));
    assertEquals(0, Severity.ofName("VERBOSE"));
    assertEquals(Severity.WARN, Severity.parse(" warn "));
    assertEquals(-1, Severity.parse("loud"));
  }
}
