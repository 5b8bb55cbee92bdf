package dev.sidecar.instrumentation.executors;

import dev.sidecar.bootstrap.context.TaskContexts;
import net.bytebuddy.asm.Advice;

/** Inlined where a task or a thread hands itself over ({@code fork}, {@code start}). */
final class CaptureThisAdvice {
  private CaptureThisAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void enter(@Advice.This Object task) {
    TaskContexts.capture(task);
  }
}
