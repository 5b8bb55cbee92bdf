package dev.sidecar.agent.export;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/** Makes {@code console} a span exporter name, found the same way as OpenTelemetry's own {@code otlp}. */
public final class ConsoleSpanExporterProvider implements ConfigurableSpanExporterProvider {
  @Override
  public SpanExporter createExporter(ConfigProperties config) {
    return new ConsoleSpanExporter(System.out);
  }

  @Override
  public String getName() {
    return "console";
  }
}
