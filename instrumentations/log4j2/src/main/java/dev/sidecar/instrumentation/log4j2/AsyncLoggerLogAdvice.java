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
 * The same as {@link AsyncLoggerAdvice}, for the entry that Log4j 2.13 and later use for most calls,
 * {@code AsyncLogger.log(Level, Marker, String, StackTraceElement, Message, Throwable)}.
 */
final class AsyncLoggerLogAdvice {
  private AsyncLoggerLogAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void enter(@Advice.This Logger logger, @Advice.Argument(0) Level level,
      @Advice.Argument(4) Message message, @Advice.Argument(5) Throwable thrown) {
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
