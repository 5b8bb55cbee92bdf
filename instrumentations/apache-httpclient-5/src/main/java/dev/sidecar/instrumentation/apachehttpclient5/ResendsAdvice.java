package dev.sidecar.instrumentation.apachehttpclient5;

import dev.sidecar.bootstrap.http.HttpClientSpans;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code InternalHttpClient.doExecute}: the sends of one application call are counted. */
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
