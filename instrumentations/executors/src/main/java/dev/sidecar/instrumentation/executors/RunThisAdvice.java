package dev.sidecar.instrumentation.executors;

import dev.sidecar.bootstrap.context.TaskContexts;
import net.bytebuddy.asm.Advice;

/** Inlined where a fork-join task or a virtual thread runs: the span it was handed over with is current. */
final class RunThisAdvice {
  private RunThisAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static Object enter(@Advice.This Object task) {
    return TaskContexts.enter(task);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Enter Object token) {
    TaskContexts.exit(token);
  }
}
