package dev.sidecar.instrumentation.log4j2;

import dev.sidecar.bootstrap.logs.LogCorrelation;
import net.bytebuddy.asm.Advice;
import org.apache.logging.log4j.util.SortedArrayStringMap;
import org.apache.logging.log4j.util.StringMap;

/**
 * Inlined into {@code ContextDataInjector.injectContextData(List, StringMap)}: adds the span's ids to
 * the context data it returns. The injector may return the map it was handed, which belongs to the
 * event, or a frozen or shared one (the thread context's own, an empty constant); only the former is
 * written to, any other is copied first.
 */
final class InjectContextDataAdvice {
  private InjectContextDataAdvice() {}

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Argument(1) StringMap reusable, @Advice.Return(readOnly = false) StringMap contextData) {
    if (contextData == null || contextData.containsKey("trace_id")) {
      return;
    }
    String[] ids = LogCorrelation.current();
    if (ids == null) {
      return;
    }
    StringMap withSpan = contextData == reusable && !contextData.isFrozen()
        ? contextData : new SortedArrayStringMap(contextData);
    withSpan.putValue("trace_id", ids[0]);
    withSpan.putValue("span_id", ids[1]);
    withSpan.putValue("trace_flags", ids[2]);
    contextData = withSpan;
  }
}
