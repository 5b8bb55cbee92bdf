package dev.sidecar.agent.config;

import dev.sidecar.agent.AgentLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The agent's settings, from (highest first) agent arguments, system properties, {@code OTEL_*}
 * environment variables, then defaults: OpenTelemetry's order and names. A value that does not
 * parse gives one line on stderr naming the property, the value and the default used instead.
 * Names are compared as OpenTelemetry compares them: case, {@code -}, {@code _} and {@code .} aside,
 * so {@code OTEL_INSTRUMENTATION_COMMON_DEFAULT_ENABLED} sets
 * {@code otel.instrumentation.common.default-enabled}.
 */
public final class AgentConfig {
  private final Map<String, String> values;

  AgentConfig(Map<String, String> values) {
    this.values = new HashMap<>();
    values.forEach((key, value) -> this.values.put(normalize(key), value.trim()));
  }

  /** Settings from a map already merged from their sources, such as a sanitized copy. */
  public static AgentConfig fromMap(Map<String, String> values) {
    return new AgentConfig(values);
  }

  /** Reads the environment and system properties, then {@code agentArgs} ({@code k=v,k=v}). */
  public static AgentConfig load(String agentArgs) {
    return of(System.getenv(), System.getProperties(), agentArgs);
  }

  static AgentConfig of(Map<String, String> env, Map<?, ?> systemProperties, String agentArgs) {
    Map<String, String> merged = new HashMap<>();
    env.forEach((name, value) -> {
      if (name.startsWith("OTEL_") || name.startsWith("SIDECAR_")) {
        merged.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value);
      }
    });
    systemProperties.forEach((name, value) -> {
      String key = String.valueOf(name);
      if (key.startsWith("otel.") || key.startsWith("sidecar.")) {
        merged.put(key, String.valueOf(value));
      }
    });
    if (agentArgs != null && !agentArgs.isEmpty()) {
      for (String pair : agentArgs.split(",")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          merged.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
      }
    }
    return new AgentConfig(merged);
  }

  /** All settings as OpenTelemetry property names, for the SDK's own configuration readers. */
  public Map<String, String> asMap() {
    return Collections.unmodifiableMap(values);
  }

  public String getString(String key, String defaultValue) {
    String value = values.get(normalize(key));
    return value == null || value.trim().isEmpty() ? defaultValue : value.trim();
  }

  public boolean getBoolean(String key, boolean defaultValue) {
    String value = getString(key, null);
    if (value == null) {
      return defaultValue;
    }
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    return invalid(key, value, defaultValue);
  }

  /** A whole number within {@code [min, max]}. */
  public int getInt(String key, int defaultValue, int min, int max) {
    String value = getString(key, null);
    if (value == null) {
      return defaultValue;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    return invalid(key, value, defaultValue);
  }

  public double getDouble(String key, double defaultValue, double min, double max) {
    String value = getString(key, null);
    if (value == null) {
      return defaultValue;
    }
    try {
      double parsed = Double.parseDouble(value);
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    return invalid(key, value, defaultValue);
  }

  /** A duration in OpenTelemetry's format: a number with an optional unit (ms, s, m, h, d; ms if none). */
  public Duration getDuration(String key, Duration defaultValue) {
    String value = getString(key, null);
    if (value == null) {
      return defaultValue;
    }
    Duration parsed = Durations.parse(value);
    return parsed != null ? parsed : invalid(key, value, defaultValue);
  }

  /** A comma-separated list; empty entries are dropped. */
  public List<String> getList(String key, List<String> defaultValue) {
    String value = getString(key, null);
    if (value == null) {
      return defaultValue;
    }
    List<String> items = new ArrayList<>();
    for (String item : value.split(",")) {
      if (!item.trim().isEmpty()) {
        items.add(item.trim().toLowerCase(Locale.ROOT));
      }
    }
    return items;
  }

  /** One of {@code allowed}, compared without case. */
  public String getChoice(String key, String defaultValue, List<String> allowed) {
    String value = getString(key, null);
    if (value == null) {
      return defaultValue;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    return allowed.contains(lower) ? lower : invalid(key, value, defaultValue);
  }

  /** Replaces a value the SDK would reject, so it uses its default instead of failing. */
  public void remove(String key) {
    values.remove(normalize(key));
  }

  static String normalize(String key) {
    return key.toLowerCase(Locale.ROOT).replace('-', '.').replace('_', '.');
  }

  static <T> T invalid(String key, String value, T defaultValue) {
    AgentLog.warn("invalid value for " + key + ": '" + value + "'; using the default, " + describe(defaultValue));
    return defaultValue;
  }

  /** A default as a user would write it: durations as 5s or 250ms, an unbounded limit as none. */
  private static String describe(Object value) {
    if (value instanceof Duration) {
      long millis = ((Duration) value).toMillis();
      return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
    if (value instanceof Integer && (Integer) value == Integer.MAX_VALUE) {
      return "no limit";
    }
    return String.valueOf(value);
  }
}
