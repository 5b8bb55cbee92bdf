package dev.sidecar.bootstrap.logs;

import dev.sidecar.bootstrap.CurrentSpan;
import dev.sidecar.bootstrap.EpochClock;
import dev.sidecar.bootstrap.Handoff;
import dev.sidecar.bootstrap.SidecarThread;
import dev.sidecar.bootstrap.SpanRecord;

/**
 * What logging advice calls. An event is captured once, at the outermost logging call on a thread:
 * when a bridge hands it to a second framework (JUL to SLF4J to Logback, say), the inner call sees
 * the outer one and stays silent. The agent's own threads are never captured, so a failure while
 * exporting logs, logged by the exporter, cannot feed itself.
 */
public final class LogCapture {
  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
  private static volatile int minimumSeverity = Severity.TRACE;
  private static volatile int maxBodyLength = Integer.MAX_VALUE;

  private LogCapture() {}

  public static void configure(int minimumSeverityNumber) {
    minimumSeverity = minimumSeverityNumber;
  }

  /**
   * Enters a logging call; returns true when this call is the one to capture. Every call to
   * {@code enter} must be matched by {@link #exit}, whatever it returned.
   */
  public static boolean enter() {
    int[] depth = DEPTH.get();
    return depth[0]++ == 0 && !SidecarThread.isCurrent();
  }

  /**
   * The message of a {@code java.util.logging} record with its parameters filled in, the way JUL's
   * own {@code Formatter.formatMessage} does it (without localization).
   */
  public static String julMessage(String message, Object[] parameters) {
    if (message == null || parameters == null || parameters.length == 0) {
      return message;
    }
    if (message.indexOf("{0") < 0 && message.indexOf("{1") < 0 && message.indexOf("{2") < 0
        && message.indexOf("{3") < 0) {
      return message;
    }
    try {
      return java.text.MessageFormat.format(message, parameters);
    } catch (IllegalArgumentException badPattern) {
      return message;
    }
  }

  public static void exit() {
    int[] depth = DEPTH.get();
    if (depth[0] > 0) {
      depth[0]--;
    }
  }

  /**
   * Bodies longer than this are cut where they are captured: the queue then holds at most this
   * much of each, and only an oversized body is copied.
   */
  public static void limitBody(int maxLength) {
    maxBodyLength = Math.max(0, maxLength);
  }

  /** Whether an event of this severity is wanted at all; advice asks before formatting anything. */
  public static boolean wanted(int severityNumber) {
    return severityNumber >= minimumSeverity;
  }

  /**
   * Hands an event to the sidecar, tied to the span current on this thread. {@code epochNanos} is
   * the framework's timestamp; 0 when it has none.
   */
  public static void emit(long epochNanos, int severityNumber, String severityText, String body, String loggerName,
      Throwable thrown) {
    emit(epochNanos, severityNumber, severityText, body, loggerName, thrown, null);
  }

  /** As above, with captured context entries ({@link LogContextCapture.Selection#select}), or null. */
  public static void emit(long epochNanos, int severityNumber, String severityText, String body, String loggerName,
      Throwable thrown, String[] contextAttributes) {
    if (!wanted(severityNumber)) {
      return;
    }
    int maxBody = maxBodyLength;
    if (body != null && body.length() > maxBody) {
      body = body.substring(0, maxBody);
    }
    long observed = EpochClock.nowNanos();
    SpanRecord span = CurrentSpan.get();
    Thread thread = Thread.currentThread();
    Handoff.logs().offer(new LogEvent(epochNanos > 0 ? epochNanos : observed, observed,
        severityNumber, severityText, body, loggerName, thread.getName(), thread.getId(), thrown,
        span == null ? 0 : span.traceIdHigh(), span == null ? 0 : span.traceIdLow(),
        span == null ? 0 : span.spanId(), span != null && span.sampled(), contextAttributes));
  }
}
