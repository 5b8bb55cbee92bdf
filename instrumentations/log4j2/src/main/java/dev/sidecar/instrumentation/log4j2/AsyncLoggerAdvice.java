package dev.sidecar.instrumentation.log4j2;

import dev.sidecar.bootstrap.logs.LogCapture;
import dev.sidecar.bootstrap.logs.LogContextCapture;
import dev.sidecar.bootstrap.logs.Severity;
import net.bytebuddy.asm.Advice;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.message.Message;

/**
 * Inlined into {@code AsyncLogger.logMessage}, which all-asynchronous loggers (the
 * {@code AsyncLoggerContextSelector}) call on the application's thread once the level check passed,
 * before the event goes to the Disruptor's thread: the one place where the caller's span is still
 * current. Should the queue be full and Log4j log on this thread instead, the nested
 * {@code LoggerConfig} call finds this one under way and captures nothing.
 */
final class AsyncLoggerAdvice {
  private AsyncLoggerAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void enter(@Advice.This Logger logger, @Advice.Argument(1) Level level,
      @Advice.Argument(3) Message message, @Advice.Argument(4) Throwable thrown) {
    if (!LogCapture.enter() || level == null) {
      return;
    }
    int severity = Severity.ofName(level.getStandardLevel().name());
    if (!LogCapture.wanted(severity)) {
      return;
    }
    LogContextCapture.Selection contextKeys = LogContextCapture.log4j();
    LogCapture.emit(0, severity, level.name(), message == null ? null : message.getFormattedMessage(),
        logger.getName(), thrown, contextKeys.isEmpty() ? null : contextKeys.select(ThreadContext.getImmutableContext()));
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit() {
    LogCapture.exit();
  }
}
