package dev.sidecar.agent.export;

import dev.sidecar.agent.AgentLog;
import dev.sidecar.agent.config.AgentConfig;
import dev.sidecar.agent.config.Durations;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Builds the span exporter named by {@code otel.traces.exporter} through OpenTelemetry's own
 * exporter providers, so every {@code otel.exporter.otlp.*} setting means what it means to the
 * OpenTelemetry SDK. Values the SDK would reject are reported and replaced by its defaults first:
 * a bad setting costs a warning line, never the agent.
 */
public final class SpanExporters {
  private static final List<String> PROTOCOLS = Arrays.asList("grpc", "http/protobuf");
  private static final List<String> COMPRESSIONS = Arrays.asList("gzip", "none");

  private SpanExporters() {}

  /** The configured exporter, or null for {@code none}. */
  public static SpanExporter create(AgentConfig config) {
    Map<String, ConfigurableSpanExporterProvider> providers = providers();
    List<String> names = knownOrDefault("otel.traces.exporter",
        config.getList("otel.traces.exporter", Collections.singletonList("otlp")), providers.keySet());
    ExporterLogFilter.install();
    ConfigProperties properties = ExporterSettings.of(sanitized(config));
    boolean consoleNamed = false;
    List<SpanExporter> exporters = new ArrayList<>();
    for (String name : names) {
      String resolved = name.equals("logging") ? "console" : name;
      consoleNamed |= resolved.equals("console");
      if (resolved.equals("none")) {
        continue;
      }
      ConfigurableSpanExporterProvider provider = providers.get(resolved);
      if (provider == null) {
        continue; // reported by knownOrDefault
      }
      try {
        exporters.add(provider.createExporter(properties));
      } catch (RuntimeException e) {
        AgentLog.warn("could not create the " + resolved + " span exporter (" + Secrets.scrub(e.getMessage(), config)
            + "); spans are not exported there");
      }
    }
    if (AgentLog.debugEnabled() && !consoleNamed) {
      exporters.add(new ConsoleSpanExporter(System.out));
    }
    if (exporters.isEmpty()) {
      return null;
    }
    return exporters.size() == 1 ? exporters.get(0) : SpanExporter.composite(exporters);
  }

  /**
   * The names among {@code names} that are known (each unknown one reported), or the default,
   * {@code otlp}, when none is: a typo costs a warning, not the export.
   */
  static List<String> knownOrDefault(String key, List<String> names, java.util.Set<String> providers) {
    List<String> known = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String name : names) {
      String resolved = name.equals("logging") ? "console" : name;
      (resolved.equals("none") || providers.contains(resolved) ? known : unknown).add(name);
    }
    for (String name : unknown) {
      AgentLog.warn("unknown value in " + key + ": '" + name + "' (known: otlp, console, none); "
          + (known.isEmpty() ? "using the default, otlp" : "ignored"));
    }
    return known.isEmpty() && !unknown.isEmpty() ? Collections.singletonList("otlp") : known;
  }

  /** A description of where spans go, for the start-up line: never includes header values. */
  public static String describe(AgentConfig config) {
    List<String> names = config.getList("otel.traces.exporter", Collections.singletonList("otlp"));
    if (!names.contains("otlp")) {
      return String.join(",", names);
    }
    AgentConfig clean = AgentConfig.fromMap(sanitized(config));
    String protocol = clean.getString("otel.exporter.otlp.traces.protocol",
        clean.getString("otel.exporter.otlp.protocol", "http/protobuf"));
    String endpoint = clean.getString("otel.exporter.otlp.traces.endpoint",
        clean.getString("otel.exporter.otlp.endpoint", protocol.equals("grpc") ? "http://localhost:4317" : "http://localhost:4318"));
    return "otlp " + protocol + " " + endpoint;
  }

  private static Map<String, ConfigurableSpanExporterProvider> providers() {
    Map<String, ConfigurableSpanExporterProvider> byName = new HashMap<>();
    for (ConfigurableSpanExporterProvider provider
        : ServiceLoader.load(ConfigurableSpanExporterProvider.class, SpanExporters.class.getClassLoader())) {
      byName.putIfAbsent(provider.getName(), provider);
    }
    return byName;
  }

  /**
   * The settings, less the OTLP values the SDK would refuse, each refusal reported; with the
   * OpenTelemetry agent's default protocol, {@code http/protobuf}, where the SDK's own is {@code grpc}.
   */
  public static Map<String, String> sanitized(AgentConfig config) {
    Map<String, String> values = new HashMap<>(config.asMap());
    for (String signal : Arrays.asList("", "traces.", "logs.")) {
      String prefix = "otel.exporter.otlp." + signal;
      checkChoice(values, prefix + "protocol", PROTOCOLS, "http/protobuf");
      checkChoice(values, prefix + "compression", COMPRESSIONS, "none");
      checkEndpoint(values, prefix + "endpoint");
      checkDuration(values, prefix + "timeout");
      checkHeaders(values, prefix + "headers");
    }
    values.putIfAbsent("otel.exporter.otlp.protocol", "http/protobuf");
    return values;
  }

  private static void checkChoice(Map<String, String> values, String key, List<String> allowed, String fallback) {
    String value = values.get(key);
    if (value != null && !allowed.contains(value.trim())) {
      AgentLog.warn("invalid value for " + key + ": '" + value + "' (expected one of " + allowed + "); using the default, " + fallback);
      values.remove(key);
    }
  }

  private static void checkEndpoint(Map<String, String> values, String key) {
    String value = values.get(key);
    if (value == null) {
      return;
    }
    try {
      URI uri = new URI(value.trim());
      // The authority, not the host: java.net.URI has no host for names such as otel_collector.
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getRawAuthority() != null && !uri.getRawAuthority().isEmpty()) {
        return;
      }
    } catch (Exception e) {
      // reported below
    }
    AgentLog.warn("invalid value for " + key + ": '" + value + "' (expected an http:// or https:// URL); using the default endpoint");
    values.remove(key);
  }

  /** Never echoes the value: headers carry API keys. */
  private static void checkHeaders(Map<String, String> values, String key) {
    String value = values.get(key);
    if (value != null && !Secrets.wellFormedHeaders(value)) {
      AgentLog.warn("invalid value for " + key + " (expected key=value pairs separated by commas; the value is not"
          + " shown, as it may hold credentials); using the default, no headers");
      values.remove(key);
    }
  }

  private static void checkDuration(Map<String, String> values, String key) {
    String value = values.get(key);
    if (value != null && Durations.parse(value) == null) {
      AgentLog.warn("invalid value for " + key + ": '" + value + "' (expected a duration such as 10s); using the default, 10s");
      values.remove(key);
    }
  }
}
