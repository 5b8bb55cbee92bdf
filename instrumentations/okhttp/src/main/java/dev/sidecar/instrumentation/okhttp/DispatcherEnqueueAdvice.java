package dev.sidecar.instrumentation.okhttp;

import dev.sidecar.bootstrap.context.TaskContexts;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code Dispatcher.enqueue(AsyncCall)}: the task that runs the call and then its
 * callback belongs to the span current now, even when the dispatcher starts it later from a thread
 * that is finishing another request's call.
 */
final class DispatcherEnqueueAdvice {
  private DispatcherEnqueueAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void enter(@Advice.Argument(0) Object asyncCall) {
    TaskContexts.capture(asyncCall);
  }
}
