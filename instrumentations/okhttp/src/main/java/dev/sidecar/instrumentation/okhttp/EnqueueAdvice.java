package dev.sidecar.instrumentation.okhttp;

import dev.sidecar.bootstrap.context.TaskContexts;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code RealCall.enqueue}: the call will run, on OkHttp's thread, under the span current now. */
final class EnqueueAdvice {
  private EnqueueAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void enter(@Advice.This Object call) {
    TaskContexts.capture(call);
  }
}
