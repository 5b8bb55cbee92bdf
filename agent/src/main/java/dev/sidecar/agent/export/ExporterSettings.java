package dev.sidecar.agent.export;

import dev.sidecar.agent.export.http.KeepAliveHttpSenderProvider;
import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The settings the OpenTelemetry SDK's exporter providers read: the agent's own values only (the
 * SDK's factory that takes plug-ins also reads system properties and the environment, which the
 * agent has already read and checked), and the plug-ins from the sidecar's class loader with one
 * choice made: OTLP over HTTP goes through {@link KeepAliveHttpSenderProvider}. The SDK would
 * otherwise take the first HTTP sender it finds, and warn that it found two.
 */
final class ExporterSettings implements ConfigProperties {
  private final ConfigProperties values;
  private final ComponentLoader components;

  private ExporterSettings(ConfigProperties values, ComponentLoader components) {
    this.values = values;
    this.components = components;
  }

  static ConfigProperties of(Map<String, String> values) {
    ComponentLoader all = ComponentLoader.forClassLoader(ExporterSettings.class.getClassLoader());
    return new ExporterSettings(DefaultConfigProperties.createFromMap(values), new ComponentLoader() {
      @Override
      @SuppressWarnings("unchecked")
      public <T> Iterable<T> load(Class<T> type) {
        if (type == HttpSenderProvider.class) {
          return (Iterable<T>) Collections.singletonList(new KeepAliveHttpSenderProvider());
        }
        return all.load(type);
      }
    });
  }

  @Override
  public ComponentLoader getComponentLoader() {
    return components;
  }

  @Override
  public String getString(String name) {
    return values.getString(name);
  }

  @Override
  public Boolean getBoolean(String name) {
    return values.getBoolean(name);
  }

  @Override
  public Integer getInt(String name) {
    return values.getInt(name);
  }

  @Override
  public Long getLong(String name) {
    return values.getLong(name);
  }

  @Override
  public Double getDouble(String name) {
    return values.getDouble(name);
  }

  @Override
  public Duration getDuration(String name) {
    return values.getDuration(name);
  }

  @Override
  public List<String> getList(String name) {
    return values.getList(name);
  }

  @Override
  public Map<String, String> getMap(String name) {
    return values.getMap(name);
  }
}
