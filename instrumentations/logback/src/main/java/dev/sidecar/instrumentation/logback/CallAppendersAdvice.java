package dev.sidecar.instrumentation.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import dev.sidecar.bootstrap.logs.LogCapture;
import dev.sidecar.bootstrap.logs.LogContextCapture;
import dev.sidecar.bootstrap.logs.Severity;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into Logback's {@code Logger.callAppenders(ILoggingEvent)}: captures the event before the
 * appenders run, so an appender that bridges it on finds a logging call already under way. The
 * message is formatted by the event itself, which keeps it for the appenders. The timestamp is the
 * event's milliseconds: {@code getInstant()} exists only from Logback 1.3 on.
 */
final class CallAppendersAdvice {
  private CallAppendersAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void enter(@Advice.Argument(0) ILoggingEvent event) {
    if (!LogCapture.enter() || event == null) {
      return;
    }
    Level level = event.getLevel();
    int severity = Severity.ofName(level.toString());
    if (!LogCapture.wanted(severity)) {
      return;
    }
    // A proxy of another kind (an event read back from the wire) has no Throwable to hand on.
    IThrowableProxy proxy = event.getThrowableProxy();
    LogContextCapture.Selection mdcKeys = LogContextCapture.logback();
    LogCapture.emit(event.getTimeStamp() * 1_000_000L, severity, level.toString(), event.getFormattedMessage(),
        event.getLoggerName(), proxy instanceof ThrowableProxy ? ((ThrowableProxy) proxy).getThrowable() : null,
        mdcKeys.isEmpty() ? null : mdcKeys.select(event.getMDCPropertyMap()));
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit() {
    LogCapture.exit();
  }
}
