package dev.sidecar.bootstrap.logs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.sidecar.bootstrap.CurrentSpan;
import dev.sidecar.bootstrap.Ids;
import dev.sidecar.bootstrap.SpanKind;
import dev.sidecar.bootstrap.SpanRecord;
import dev.sidecar.bootstrap.TraceParent;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogCorrelationTest {
  @AfterEach
  void reset() {
    CurrentSpan.set(null);
  }

  @Test
  void outsideASpanThereIsNothingToAdd() {
    Map<String, String> mdc = Collections.singletonMap("user", "ann");
    assertNull(LogCorrelation.current());
    assertSame(mdc, LogCorrelation.withCurrentSpan(mdc));
    assertNull(LogCorrelation.withCurrentSpan(null));
  }

  @Test
  void insideASpanTheMdcGainsItsIdsAndKeepsItsOwnEntries() {
    SpanRecord span = SpanRecord.startCurrent("test", SpanKind.SERVER, "GET", null, null, null);
    Map<String, String> mdc = Collections.singletonMap("user", "ann");
    Map<String, String> with = LogCorrelation.withCurrentSpan(mdc);
    assertEquals(Map.of("user", "ann", "trace_id", Ids.traceIdHex(span.traceIdHigh(), span.traceIdLow()),
        "span_id", Ids.hex(span.spanId()), "trace_flags", span.sampled() ? "01" : "00"), with);
    assertEquals(Map.of("user", "ann"), mdc, "the framework's own map is never changed");
    assertSame(with, LogCorrelation.withCurrentSpan(with), "a second call adds nothing");
  }

  @Test
  void anApplicationsOwnTraceIdWins() {
    SpanRecord.startCurrent("test", SpanKind.SERVER, "GET", null, null, null);
    Map<String, String> mdc = Collections.singletonMap("trace_id", "mine");
    assertSame(mdc, LogCorrelation.withCurrentSpan(mdc));
  }

  @Test
  void anUnsampledSpanStillGivesItsIdsWithFlagsZero() {
    TraceParent remote = TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00", null);
    SpanRecord span = SpanRecord.startCurrent("test", SpanKind.SERVER, "GET", null, remote, null);
    assertArrayEquals(new String[] {"4bf92f3577b34da6a3ce929d0e0e4736", Ids.hex(span.spanId()), "00"},
        LogCorrelation.current());
  }
}
