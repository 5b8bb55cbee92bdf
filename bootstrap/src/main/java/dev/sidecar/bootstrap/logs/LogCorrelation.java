package dev.sidecar.bootstrap.logs;

import dev.sidecar.bootstrap.CurrentSpan;
import dev.sidecar.bootstrap.Ids;
import dev.sidecar.bootstrap.SpanRecord;
import java.util.HashMap;
import java.util.Map;

/**
 * The current span as the entries an application's own log lines can print: {@code trace_id},
 * {@code span_id} and {@code trace_flags}, the OpenTelemetry agent's MDC keys. Unlike the rest of the
 * hot path this formats ids on the application thread, because the framework's layout reads them
 * there; advice asks only when the event lacks a {@code trace_id} and a span is current.
 */
public final class LogCorrelation {
  private LogCorrelation() {}

  /** The trace id, span id and flags ({@code 01} sampled, {@code 00} not) in hex, or null outside a span. */
  public static String[] current() {
    SpanRecord span = CurrentSpan.get();
    if (span == null) {
      return null;
    }
    return new String[] {Ids.traceIdHex(span.traceIdHigh(), span.traceIdLow()), Ids.hex(span.spanId()),
        span.sampled() ? "01" : "00"};
  }

  /**
   * A copy of {@code mdc} with the current span's entries added, or {@code mdc} itself when no span is
   * current or it already names a trace (the application's own, or ours from an earlier call).
   */
  public static Map<String, String> withCurrentSpan(Map<String, String> mdc) {
    if (mdc == null || mdc.containsKey("trace_id")) {
      return mdc;
    }
    String[] ids = current();
    if (ids == null) {
      return mdc;
    }
    Map<String, String> copy = new HashMap<>(mdc);
    copy.put("trace_id", ids[0]);
    copy.put("span_id", ids[1]);
    copy.put("trace_flags", ids[2]);
    return copy;
  }

  /** Whether {@code key} is one of the entries this class adds. */
  static boolean isTraceKey(String key) {
    return "trace_id".equals(key) || "span_id".equals(key) || "trace_flags".equals(key);
  }
}
