package dev.sidecar.agent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidecar.bootstrap.CurrentSpan;
import dev.sidecar.bootstrap.Handoff;
import dev.sidecar.bootstrap.Ids;
import dev.sidecar.bootstrap.SpanKind;
import dev.sidecar.bootstrap.SpanRecord;
import dev.sidecar.bootstrap.logs.LogCapture;
import dev.sidecar.bootstrap.logs.LogEvent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.resources.Resource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogConverterTest {
  private final Resource resource = Resource.builder().put("service.name", "shop").build();
  private final LogConverter converter = new LogConverter(resource);

  @BeforeEach
  void freshQueues() {
    Handoff.configureLogs(16, 4);
    Handoff.configure(16, 4);
  }

  @AfterEach
  void reset() {
    CurrentSpan.set(null);
  }

  private static LogEvent emitted(long epochNanos, int severity, String text, String body, Throwable thrown) {
    LogCapture.emit(epochNanos, severity, text, body, "shop.Orders", thrown);
    List<LogEvent> events = new ArrayList<>();
    Handoff.logs().drainTo(events, 10);
    return events.get(0);
  }

  @Test
  void aRecordKeepsEveryField() {
    LogRecordData log = converter.convert(emitted(1_700_000_000_000_000_001L, 13, "WARNING", "low stock", null));
    assertEquals(1_700_000_000_000_000_001L, log.getTimestampEpochNanos());
    assertTrue(log.getObservedTimestampEpochNanos() > 0);
    assertEquals(Severity.WARN, log.getSeverity());
    assertEquals("WARNING", log.getSeverityText());
    assertEquals("low stock", log.getBodyValue().asString());
    assertEquals("shop.Orders", log.getInstrumentationScopeInfo().getName());
    assertEquals(resource, log.getResource());
    assertEquals(Thread.currentThread().getName(), log.getAttributes().get(AttributeKey.stringKey("thread.name")));
    assertEquals(Thread.currentThread().getId(), log.getAttributes().get(AttributeKey.longKey("thread.id")));
    assertFalse(log.getSpanContext().isValid());
  }

  @Test
  void aRecordInsideASpanCarriesItsContext() {
    SpanRecord span = SpanRecord.startCurrent("test", SpanKind.SERVER, "GET", null, null, null);
    LogRecordData log = converter.convert(emitted(0, 9, "INFO", "in a request", null));
    assertEquals(Ids.traceIdHex(span.traceIdHigh(), span.traceIdLow()), log.getSpanContext().getTraceId());
    assertEquals(Ids.hex(span.spanId()), log.getSpanContext().getSpanId());
    assertTrue(log.getSpanContext().isSampled());
  }

  @Test
  void aThrowableBecomesExceptionAttributes() {
    LogRecordData log = converter.convert(emitted(0, 17, "SEVERE", "failed", new IllegalStateException("declined")));
    assertEquals("java.lang.IllegalStateException", log.getAttributes().get(AttributeKey.stringKey("exception.type")));
    assertEquals("declined", log.getAttributes().get(AttributeKey.stringKey("exception.message")));
    assertTrue(log.getAttributes().get(AttributeKey.stringKey("exception.stacktrace"))
        .startsWith("java.lang.IllegalStateException: declined"));
  }

  @Test
  void anUnknownSeverityNumberIsUndefined() {
    LogRecordData log = converter.convert(emitted(0, 99, "LOUD", "x", null));
    assertEquals(Severity.UNDEFINED_SEVERITY_NUMBER, log.getSeverity());
    assertEquals("LOUD", log.getSeverityText());
  }
}
