package dev.sidecar.bootstrap;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Where a later attach finds the running sidecar. The bootstrap class loader holds one copy of this
 * class per JVM and outlives every sidecar class loader, so {@code status}, {@code config},
 * {@code detach} and a refused second {@code attach} all reach the sidecar that {@code -javaagent}
 * or an earlier attach started. Only JDK types cross: a command in, an answer out.
 */
public final class SidecarHandle {
  private static final AtomicReference<Function<Map<String, String>, Map<String, String>>> CONTROL =
      new AtomicReference<>();

  private SidecarHandle() {}

  /** Registers the running sidecar; false when one is registered already. */
  public static boolean register(Function<Map<String, String>, Map<String, String>> control) {
    return CONTROL.compareAndSet(null, control);
  }

  /** The running sidecar, or null when none runs (never started, or detached). */
  public static Function<Map<String, String>, Map<String, String>> control() {
    return CONTROL.get();
  }

  public static void unregister(Function<Map<String, String>, Map<String, String>> control) {
    CONTROL.compareAndSet(control, null);
  }
}
