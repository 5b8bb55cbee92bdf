package dev.sidecar.instrumentation.executors;

import dev.sidecar.bootstrap.context.TaskContexts;
import net.bytebuddy.asm.Advice;

/** Inlined where a task is handed to a pool: remembers the current span for it. */
final class CaptureTaskAdvice {
  private CaptureTaskAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void enter(@Advice.Argument(0) Object task) {
    TaskContexts.capture(task);
  }
}
