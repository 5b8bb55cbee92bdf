package dev.sidecar.bootstrap;

/** The kinds of span the instrumentations make; the names match OpenTelemetry's. */
public enum SpanKind {
  INTERNAL,
  SERVER,
  CLIENT
}
