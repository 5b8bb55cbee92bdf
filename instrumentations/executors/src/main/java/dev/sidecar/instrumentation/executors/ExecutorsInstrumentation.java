package dev.sidecar.instrumentation.executors;

import static dev.sidecar.agent.instrumentation.MethodMatchers.isPublic;
import static dev.sidecar.agent.instrumentation.MethodMatchers.named;
import static dev.sidecar.agent.instrumentation.MethodMatchers.namedOneOf;
import static dev.sidecar.agent.instrumentation.MethodMatchers.takesArgument;
import static dev.sidecar.agent.instrumentation.MethodMatchers.takesArguments;

import dev.sidecar.agent.instrumentation.InstrumentationModule;
import dev.sidecar.agent.instrumentation.TypeTransformation;
import dev.sidecar.bootstrap.context.TaskContexts;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * The span current where work is handed to another thread is current where that work runs: JDK
 * thread pools (and so scheduled executors, {@code submit}, {@code invokeAll}, {@code invokeAny}),
 * fork-join pools with their tasks (and so parallel streams and {@code CompletableFuture}'s async
 * stages), and virtual threads. Nothing is added to any class, so already-loaded JDK classes are
 * retransformed as they are.
 */
public final class ExecutorsInstrumentation implements InstrumentationModule {
  @Override
  public String name() {
    return "executors";
  }

  @Override
  public List<TypeTransformation> transformations() {
    // On JDK 21+, where the JVM loads VirtualThread at start, they are loaded before the agent
    // installs, so that they are retransformed with it: retransforming VirtualThread loads
    // ForkJoinPool, and a class first loaded by the thread that is retransforming another is not
    // offered to the transformer. Before JDK 21 they load when the application first needs them.
    if (Runtime.version().feature() >= 21) {
      loaded(ForkJoinPool.class, ForkJoinTask.class);
    }
    return Arrays.asList(
        // Every task of a thread pool passes through execute(Runnable); a worker takes each from
        // getTask, except its first, which runWorker runs without.
        TypeTransformation.forNamed("java.util.concurrent.ThreadPoolExecutor")
            .advise(named("execute").and(takesArguments(Runnable.class)), CaptureTaskAdvice.class)
            .advise(named("getTask").and(takesArguments(0)), NextTaskAdvice.class)
            .replaceCalls(named("runWorker"), method(Runnable.class, "run"),
                method(TaskContexts.class, "run", Runnable.class)),
        // A scheduled pool queues its tasks itself, without execute.
        TypeTransformation.forNamed("java.util.concurrent.ScheduledThreadPoolExecutor")
            .advise(named("delayedExecute").and(takesArguments(1)), CaptureTaskAdvice.class),
        TypeTransformation.forNamed("java.util.concurrent.ForkJoinPool")
            .advise(isPublic().and(namedOneOf("execute", "submit")).and(takesArgument(0, Runnable.class)),
                ForkJoinRunnableAdvice.class)
            .advise(isPublic().and(named("submit")).and(takesArguments(1))
                .and(takesArgument(0, "java.util.concurrent.Callable")), WrapCallableAdvice.class)
            .advise(isPublic().and(namedOneOf("execute", "submit", "invoke")).and(takesArguments(1))
                .and(takesArgument(0, "java.util.concurrent.ForkJoinTask")), CaptureTaskAdvice.class)
            .advise(isPublic().and(namedOneOf("invokeAll", "invokeAny"))
                .and(takesArgument(0, "java.util.Collection")), WrapAllAdvice.class),
        TypeTransformation.forNamed("java.util.concurrent.ForkJoinTask")
            .advise(named("fork").and(takesArguments(0)), CaptureThisAdvice.class)
            .advise(named("doExec").and(takesArguments(0)), RunThisAdvice.class),
        // CompletableFuture's executor when the common pool has a single thread (JDK 17).
        TypeTransformation.forNamed("java.util.concurrent.CompletableFuture$ThreadPerTaskExecutor")
            .advise(named("execute").and(takesArguments(Runnable.class)), WrapRunnableAdvice.class),
        // Every virtual thread is started through start(ThreadContainer) and runs its task in run(Runnable).
        TypeTransformation.forNamed("java.lang.VirtualThread")
            .advise(named("start").and(takesArguments(1)), CaptureThisAdvice.class)
            .advise(named("run").and(takesArguments(Runnable.class)), RunThisAdvice.class));
  }

  private static void loaded(Class<?>... classes) {
    // Naming a class literal is enough to load it.
  }

  private static Method method(Class<?> type, String name, Class<?>... parameters) {
    try {
      return type.getMethod(name, parameters);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }
}
