package dev.sidecar.instrumentation.executors;

import dev.sidecar.bootstrap.context.TaskContexts;
import net.bytebuddy.asm.Advice;

/** Inlined into executors that never hand a task back: the task is wrapped with the current span. */
final class WrapRunnableAdvice {
  private WrapRunnableAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void enter(@Advice.Argument(value = 0, readOnly = false) Runnable task) {
    task = TaskContexts.wrap(task);
  }
}
