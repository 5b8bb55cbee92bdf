package dev.sidecar.agent.install;

import dev.sidecar.agent.AgentLog;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Retransforms the loaded classes a predicate selects, a few at a time. */
final class LoadedClasses {
  /**
   * Each batch stops the application's threads at a safepoint; a short one, with a yield before
   * the next, keeps a runtime attach (or detach) from stalling requests.
   */
  static final int BATCH_SIZE = 16;

  private LoadedClasses() {}

  static void retransform(Instrumentation instrumentation, Predicate<Class<?>> selected, TransformationCounter counter) {
    List<Class<?>> batch = new ArrayList<>(BATCH_SIZE);
    for (Class<?> type : instrumentation.getAllLoadedClasses()) {
      if (instrumentation.isModifiableClass(type) && selects(selected, type)) {
        batch.add(type);
        if (batch.size() == BATCH_SIZE) {
          retransformBatch(instrumentation, batch, counter);
          batch.clear();
          Thread.yield();
        }
      }
    }
    if (!batch.isEmpty()) {
      retransformBatch(instrumentation, batch, counter);
    }
  }

  private static boolean selects(Predicate<Class<?>> selected, Class<?> type) {
    try {
      return selected.test(type);
    } catch (Throwable t) {
      // A class that cannot be described (a type in its signatures is missing) is none of ours.
      AgentLog.debug("left " + type.getName() + " as it is (" + t + ")");
      return false;
    }
  }

  /** One class's failure must not cost the others of its batch: they are then tried one by one. */
  private static void retransformBatch(Instrumentation instrumentation, List<Class<?>> batch,
      TransformationCounter counter) {
    try {
      instrumentation.retransformClasses(batch.toArray(new Class<?>[0]));
    } catch (Throwable batchFailed) {
      for (Class<?> type : batch) {
        try {
          instrumentation.retransformClasses(type);
        } catch (Throwable t) {
          counter.failed(type.getName(), t);
        }
      }
    }
  }
}
