package dev.sidecar.instrumentation.executors;

import dev.sidecar.bootstrap.context.TaskContexts;
import java.util.concurrent.Callable;
import net.bytebuddy.asm.Advice;

/** As {@link WrapRunnableAdvice}, for a task with a result. */
final class WrapCallableAdvice {
  private WrapCallableAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void enter(@Advice.Argument(value = 0, readOnly = false) Callable<?> task) {
    task = TaskContexts.wrap(task);
  }
}
