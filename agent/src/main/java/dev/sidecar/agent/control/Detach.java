package dev.sidecar.agent.control;

import dev.sidecar.agent.export.ExportLoop;
import dev.sidecar.bootstrap.SidecarHandle;
import java.time.Duration;
import java.util.Map;

/**
 * Removes a running sidecar: the original bytecode comes back (retransformed in batches, as at
 * attach), the export threads send what is queued and end, and the handle is cleared so that a
 * later attach starts afresh. Bootstrap classes stay where they are; the next attach reuses them.
 */
final class Detach {
  private Detach() {}

  static Map<String, String> run(RunningSidecar sidecar) {
    long transformed = sidecar.counter.transformed();
    resetTransformer(sidecar);
    Duration timeout = sidecar.config.getDuration("sidecar.shutdown.timeout", Duration.ofSeconds(5));
    boolean flushed = ExportLoop.shutdownAll(timeout, sidecar.spans, sidecar.logs);
    // The hook would hold this sidecar and its class loader for the JVM's life.
    removeShutdownHook(sidecar.shutdownHook);
    SidecarHandle.unregister(sidecar);
    System.clearProperty(RunningSidecar.VERSION_PROPERTY);
    return Replies.ok("Sidecar " + sidecar.version + " detached: " + transformed + " classes restored, "
        + sidecar.spans.exported() + " spans and " + sidecar.logs.exported() + " log records exported in all"
        + (flushed ? "" : ", the last export unfinished after " + timeout.toMillis() + " ms")
        + "; the application runs on without it");
  }

  private static void removeShutdownHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException exiting) {
      // The JVM is exiting: the hook runs, and finds both loops stopped.
    }
  }

  /** Takes the advice out of every class it went into; the transformer stays registered no longer. */
  static void resetTransformer(RunningSidecar sidecar) {
    sidecar.transformer.reset();
  }
}
