package dev.sidecar.instrumentation.logback;

import dev.sidecar.bootstrap.logs.LogCorrelation;
import java.util.Map;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code LoggingEvent.getMDCPropertyMap()}: the first call inside a span replaces the
 * event's MDC (Logback's shared, read-only copy of the thread's) by a copy with the span's ids, and
 * stores it in the event's own field. Logback makes that first call on the logging thread, in the
 * layout or in {@code prepareForDeferredProcessing()} before an {@code AsyncAppender} queues the event;
 * later calls, on any thread, find the ids there.
 */
final class MdcPropertyMapAdvice {
  private MdcPropertyMapAdvice() {}

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.FieldValue(value = "mdcPropertyMap", readOnly = false) Map<String, String> field,
      @Advice.Return(readOnly = false) Map<String, String> mdc) {
    Map<String, String> withSpan = LogCorrelation.withCurrentSpan(mdc);
    if (withSpan != mdc) {
      field = withSpan;
      mdc = withSpan;
    }
  }
}
