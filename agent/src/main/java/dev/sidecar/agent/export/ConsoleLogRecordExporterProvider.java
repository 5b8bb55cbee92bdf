package dev.sidecar.agent.export;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.logs.ConfigurableLogRecordExporterProvider;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;

/** Makes {@code console} a log exporter name, found the same way as OpenTelemetry's own {@code otlp}. */
public final class ConsoleLogRecordExporterProvider implements ConfigurableLogRecordExporterProvider {
  @Override
  public LogRecordExporter createExporter(ConfigProperties config) {
    return new ConsoleLogRecordExporter(System.out);
  }

  @Override
  public String getName() {
    return "console";
  }
}
