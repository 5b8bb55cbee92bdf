package dev.sidecar.instrumentation.log4j2;

import dev.sidecar.bootstrap.logs.LogCapture;
import dev.sidecar.bootstrap.logs.LogContextCapture;
import dev.sidecar.bootstrap.logs.Severity;
import net.bytebuddy.asm.Advice;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.time.Instant;
import org.apache.logging.log4j.message.Message;

/**
 * Inlined into Log4j's {@code LoggerConfig.processLogEvent}. Two calls are not the logging call
 * itself: an {@code AsyncLoggerConfig}'s second pass ({@code ASYNCHRONOUS_ONLY}, on its background
 * thread, or on the logging thread when its queue is full), and any call on a thread other than the
 * event's, as for all-asynchronous loggers, where neither this thread nor its span is the caller's.
 * A custom level is mapped through the standard level it stands closest to, and keeps its own name.
 */
final class ProcessLogEventAdvice {
  private ProcessLogEventAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void enter(@Advice.Argument(0) LogEvent event, @Advice.Argument(1) Enum<?> predicate) {
    // The predicate is LoggerConfig's protected enum, hence read by name.
    if (!LogCapture.enter() || event == null || (predicate != null && "ASYNCHRONOUS_ONLY".equals(predicate.name()))
        || event.getThreadId() != Thread.currentThread().getId()) {
      return;
    }
    Level level = event.getLevel();
    int severity = Severity.ofName(level.getStandardLevel().name());
    if (!LogCapture.wanted(severity)) {
      return;
    }
    Instant instant = event.getInstant();
    Message message = event.getMessage();
    LogContextCapture.Selection contextKeys = LogContextCapture.log4j();
    LogCapture.emit(instant.getEpochSecond() * 1_000_000_000L + instant.getNanoOfSecond(), severity, level.name(),
        message == null ? null : message.getFormattedMessage(), event.getLoggerName(), event.getThrown(),
        contextKeys.isEmpty() ? null : contextKeys.select(event.getContextData().toMap()));
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit() {
    LogCapture.exit();
  }
}
