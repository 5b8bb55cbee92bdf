package dev.sidecar.agent.instrumentation;

import java.util.List;

/**
 * One instrumented library: what to match and which advice to weave. Every folder under
 * {@code instrumentations/} has exactly one implementation of this, readable at a glance.
 */
public interface InstrumentationModule {
  /** The name used in {@code otel.instrumentation.<name>.enabled}; OpenTelemetry's name where it has one. */
  String name();

  List<TypeTransformation> transformations();
}
