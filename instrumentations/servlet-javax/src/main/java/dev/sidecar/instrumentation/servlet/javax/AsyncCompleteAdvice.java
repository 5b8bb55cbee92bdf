package dev.sidecar.instrumentation.servlet.javax;

import dev.sidecar.bootstrap.SpanRecord;
import dev.sidecar.bootstrap.http.HttpServerSpans;
import javax.servlet.AsyncContext;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletResponse;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code AsyncContext.complete()}: an async request's span ends with its response. */
final class AsyncCompleteAdvice {
  private AsyncCompleteAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void enter(@Advice.This AsyncContext context) {
    Object span = context.getRequest().getAttribute(HttpServerSpans.REQUEST_ATTRIBUTE);
    ServletResponse response = context.getResponse();
    if (span instanceof SpanRecord && response instanceof HttpServletResponse) {
      HttpServerSpans.end((SpanRecord) span, ((HttpServletResponse) response).getStatus(), null);
    }
  }
}
