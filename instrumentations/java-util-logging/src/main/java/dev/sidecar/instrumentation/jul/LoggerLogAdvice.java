package dev.sidecar.instrumentation.jul;

import dev.sidecar.bootstrap.logs.LogCapture;
import dev.sidecar.bootstrap.logs.Severity;
import java.time.Instant;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code Logger.log(LogRecord)}: captures a record the logger will log. It is emitted
 * on entry, so a handler that bridges it to another framework finds a logging call already under
 * way and the event is captured once.
 */
final class LoggerLogAdvice {
  private LoggerLogAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void enter(@Advice.This Logger logger, @Advice.Argument(0) LogRecord record) {
    if (!LogCapture.enter() || record == null || !logger.isLoggable(record.getLevel())) {
      return;
    }
    int severity = Severity.ofJulLevel(record.getLevel().intValue());
    if (!LogCapture.wanted(severity)) {
      return;
    }
    Filter filter = logger.getFilter();
    if (filter != null && !filter.isLoggable(record)) {
      return;
    }
    Instant instant = record.getInstant();
    LogCapture.emit(instant.getEpochSecond() * 1_000_000_000L + instant.getNano(), severity,
        record.getLevel().getName(), LogCapture.julMessage(record.getMessage(), record.getParameters()),
        record.getLoggerName(), record.getThrown());
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit() {
    LogCapture.exit();
  }
}
