package dev.sidecar.instrumentation.okhttp;

import dev.sidecar.bootstrap.context.TaskContexts;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code RealCall.getResponseWithInterceptorChain}, which runs every call, on the
 * caller's thread or, for an enqueued call, on OkHttp's: there the span current at queueing time
 * is made current again for the call's sends.
 */
final class CallAdvice {
  private CallAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static Object enter(@Advice.This Object call) {
    return TaskContexts.enter(call);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Enter Object token) {
    TaskContexts.exit(token);
  }
}
