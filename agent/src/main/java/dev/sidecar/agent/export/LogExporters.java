package dev.sidecar.agent.export;

import dev.sidecar.agent.AgentLog;
import dev.sidecar.agent.config.AgentConfig;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.logs.ConfigurableLogRecordExporterProvider;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Builds the log record exporter named by {@code otel.logs.exporter} through OpenTelemetry's own
 * providers, from settings already checked by {@link SpanExporters#sanitized}.
 */
public final class LogExporters {
  private LogExporters() {}

  /** The configured exporter, or null for {@code none}. */
  public static LogRecordExporter create(AgentConfig config) {
    ExporterLogFilter.install();
    ConfigProperties properties = ExporterSettings.of(config.asMap());
    Map<String, ConfigurableLogRecordExporterProvider> providers = new HashMap<>();
    for (ConfigurableLogRecordExporterProvider provider
        : ServiceLoader.load(ConfigurableLogRecordExporterProvider.class, LogExporters.class.getClassLoader())) {
      providers.putIfAbsent(provider.getName(), provider);
    }
    List<String> names = SpanExporters.knownOrDefault("otel.logs.exporter",
        config.getList("otel.logs.exporter", Collections.singletonList("otlp")), providers.keySet());
    List<LogRecordExporter> exporters = new ArrayList<>();
    for (String name : names) {
      String resolved = name.equals("logging") ? "console" : name;
      if (resolved.equals("none")) {
        continue;
      }
      ConfigurableLogRecordExporterProvider provider = providers.get(resolved);
      if (provider == null) {
        continue; // reported by knownOrDefault
      }
      try {
        exporters.add(provider.createExporter(properties));
      } catch (RuntimeException e) {
        AgentLog.warn("could not create the " + resolved + " log exporter (" + Secrets.scrub(e.getMessage(), config)
            + "); logs are not exported there");
      }
    }
    if (exporters.isEmpty()) {
      return null;
    }
    return exporters.size() == 1 ? exporters.get(0) : LogRecordExporter.composite(exporters);
  }
}
