package dev.sidecar.agent.control;

import dev.sidecar.agent.install.AgentInstaller;
import dev.sidecar.bootstrap.SidecarHandle;
import java.time.Duration;
import java.util.Map;
import net.bytebuddy.agent.builder.AgentBuilder.RedefinitionStrategy;

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
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean flushed = sidecar.spans.shutdown(timeout)
        & sidecar.logs.shutdown(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    SidecarHandle.unregister(sidecar);
    System.clearProperty(RunningSidecar.VERSION_PROPERTY);
    return Replies.ok("Sidecar " + sidecar.version + " detached: " + transformed + " classes restored, "
        + sidecar.spans.exported() + " spans and " + sidecar.logs.exported() + " log records exported in all"
        + (flushed ? "" : ", the last export unfinished after " + timeout.toMillis() + " ms")
        + "; the application runs on without it");
  }

  /** Takes the advice out of every class it went into; the transformer stays registered no longer. */
  static void resetTransformer(RunningSidecar sidecar) {
    sidecar.transformer.reset(sidecar.instrumentation, RedefinitionStrategy.RETRANSFORMATION,
        AgentInstaller.retransformationBatches(), AgentInstaller.betweenBatches());
  }
}
