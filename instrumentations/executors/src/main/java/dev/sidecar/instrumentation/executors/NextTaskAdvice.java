package dev.sidecar.instrumentation.executors;

import dev.sidecar.bootstrap.context.TaskContexts;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ThreadPoolExecutor.getTask}, which a worker calls for every task: the last
 * task's span is dropped as the worker goes back, and the next task's is made current.
 */
final class NextTaskAdvice {
  private NextTaskAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void enter() {
    TaskContexts.betweenTasks();
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Return Runnable task) {
    TaskContexts.next(task);
  }
}
