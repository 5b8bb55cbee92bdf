package dev.sidecar.instrumentation.executors;

import dev.sidecar.bootstrap.context.TaskContexts;
import java.util.Collection;
import net.bytebuddy.asm.Advice;

/** As {@link WrapRunnableAdvice}, for the tasks of {@code invokeAll} and {@code invokeAny}. */
final class WrapAllAdvice {
  private WrapAllAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void enter(@Advice.Argument(value = 0, readOnly = false) Collection<?> tasks) {
    tasks = TaskContexts.wrapAll(tasks);
  }
}
