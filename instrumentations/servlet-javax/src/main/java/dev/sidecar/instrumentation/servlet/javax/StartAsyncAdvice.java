package dev.sidecar.instrumentation.servlet.javax;

import dev.sidecar.bootstrap.SpanRecord;
import dev.sidecar.bootstrap.http.HttpServerSpans;
import javax.servlet.AsyncContext;
import javax.servlet.ServletRequest;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ServletRequest.startAsync}: from here on the request outlives the call that
 * owns its span, so the span goes onto the request, where {@code AsyncContext.complete()} and
 * later async dispatches find it, even when they come before that call returns.
 */
final class StartAsyncAdvice {
  private StartAsyncAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  static void exit(@Advice.This ServletRequest request, @Advice.Return AsyncContext context) {
    SpanRecord span = HttpServerSpans.currentServerSpan();
    if (context != null && span != null) {
      request.setAttribute(HttpServerSpans.REQUEST_ATTRIBUTE, span);
    }
  }
}
