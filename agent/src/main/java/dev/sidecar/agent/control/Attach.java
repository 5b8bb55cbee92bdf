package dev.sidecar.agent.control;

import dev.sidecar.agent.Sidecar;
import dev.sidecar.agent.config.AgentConfig;
import dev.sidecar.agent.export.SpanExporters;
import java.io.File;
import java.lang.instrument.Instrumentation;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Starts a sidecar in a running JVM. The settings the command line gave win over the JVM's own
 * {@code otel.*} system properties and {@code OTEL_*} environment, which it cannot change.
 */
public final class Attach {
  private Attach() {}

  /** Called by the launcher in the sidecar class loader; answers in the shape of {@link Replies}. */
  public static Map<String, String> attach(Instrumentation instrumentation, Map<String, String> settings, File agentJar)
      throws Exception {
    Map<String, String> merged = new HashMap<>(AgentConfig.load(null).asMap());
    // Keys as the configuration compares them, so a given setting replaces the JVM's own.
    settings.forEach((key, value) -> merged.put(key.toLowerCase(Locale.ROOT).replace('-', '.').replace('_', '.'), value));
    RunningSidecar sidecar = Sidecar.start(instrumentation, AgentConfig.fromMap(merged), agentJar, true);
    if (sidecar == null) {
      return Replies.error("Sidecar did not start: otel.javaagent.enabled is false");
    }
    return Replies.ok("Sidecar " + sidecar.version + " attached: " + sidecar.counter.transformed()
        + " loaded classes instrumented; spans to " + SpanExporters.describe(sidecar.exportConfig));
  }
}
