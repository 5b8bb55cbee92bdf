package dev.sidecar.instrumentation.executors;

import dev.sidecar.bootstrap.context.TaskContexts;
import net.bytebuddy.asm.Advice;

/** Inlined into a fork-join pool's methods that take a {@code Runnable}: see {@code TaskContexts.wrapForForkJoin}. */
final class ForkJoinRunnableAdvice {
  private ForkJoinRunnableAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void enter(@Advice.Argument(value = 0, readOnly = false) Runnable task) {
    task = TaskContexts.wrapForForkJoin(task);
  }
}
