package dev.sidecar.instrumentation.okhttp;

import dev.sidecar.bootstrap.http.AsyncParents;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code RealCall.enqueue}: the call will run, on OkHttp's thread, under the span current now. */
final class EnqueueAdvice {
  private EnqueueAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void enter(@Advice.This Object call) {
    AsyncParents.capture(call);
  }
}
