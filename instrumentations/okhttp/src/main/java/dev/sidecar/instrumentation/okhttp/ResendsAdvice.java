package dev.sidecar.instrumentation.okhttp;

import dev.sidecar.bootstrap.http.HttpClientSpans;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code RetryAndFollowUpInterceptor.intercept}, the loop that sends a call's request
 * again for redirects, retries and authentication: the sends within it are counted.
 */
final class ResendsAdvice {
  private ResendsAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static int enter() {
    return HttpClientSpans.openResends();
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Enter int outer) {
    HttpClientSpans.closeResends(outer);
  }
}
