package dev.sidecar.bootstrap.logs;

/**
 * One log event as the application thread records it: the framework's own values plus the trace
 * context current at the call. Immutable; the stack trace of {@link #thrown()} is formatted by the
 * sidecar, not here.
 */
public final class LogEvent {
  private final long epochNanos;
  private final long observedEpochNanos;
  private final int severityNumber;
  private final String severityText;
  private final String body;
  private final String loggerName;
  private final String threadName;
  private final long threadId;
  private final Throwable thrown;
  private final long traceIdHigh;
  private final long traceIdLow;
  private final long spanId;
  private final boolean sampled;
  private final String[] contextAttributes;

  LogEvent(long epochNanos, long observedEpochNanos, int severityNumber, String severityText, String body,
      String loggerName, String threadName, long threadId, Throwable thrown, long traceIdHigh, long traceIdLow,
      long spanId, boolean sampled, String[] contextAttributes) {
    this.epochNanos = epochNanos;
    this.observedEpochNanos = observedEpochNanos;
    this.severityNumber = severityNumber;
    this.severityText = severityText;
    this.body = body;
    this.loggerName = loggerName;
    this.threadName = threadName;
    this.threadId = threadId;
    this.thrown = thrown;
    this.traceIdHigh = traceIdHigh;
    this.traceIdLow = traceIdLow;
    this.spanId = spanId;
    this.sampled = sampled;
    this.contextAttributes = contextAttributes;
  }

  public long epochNanos() {
    return epochNanos;
  }

  public long observedEpochNanos() {
    return observedEpochNanos;
  }

  /** OpenTelemetry's severity number, 1 (TRACE) to 24 (FATAL4). */
  public int severityNumber() {
    return severityNumber;
  }

  public String severityText() {
    return severityText;
  }

  public String body() {
    return body;
  }

  public String loggerName() {
    return loggerName;
  }

  public String threadName() {
    return threadName;
  }

  public long threadId() {
    return threadId;
  }

  public Throwable thrown() {
    return thrown;
  }

  /** Zero (with the other ids) when no span was current. */
  public long traceIdHigh() {
    return traceIdHigh;
  }

  public long traceIdLow() {
    return traceIdLow;
  }

  public long spanId() {
    return spanId;
  }

  public boolean sampled() {
    return sampled;
  }

  /** Captured MDC or context-data entries as key, value, key, value...; null when none. */
  public String[] contextAttributes() {
    return contextAttributes;
  }
}
