package dev.sidecar.agent.instrumentation;

import java.util.List;

/**
 * One switchable instrumentation: what to match and which advice to weave. Every folder under
 * {@code instrumentations/} has one implementation of this, readable at a glance, or two where
 * OpenTelemetry switches two features of a library separately (capture and MDC, say).
 */
public interface InstrumentationModule {
  /** The name used in {@code otel.instrumentation.<name>.enabled}; OpenTelemetry's name where it has one. */
  String name();

  List<TypeTransformation> transformations();
}
