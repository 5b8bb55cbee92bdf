package dev.sidecar.agent.control;

import dev.sidecar.agent.config.AgentConfig;
import dev.sidecar.agent.config.TracingSettings;
import dev.sidecar.agent.install.Instrumentations;
import dev.sidecar.agent.instrumentation.InstrumentationModule;
import dev.sidecar.bootstrap.Sampler;
import dev.sidecar.bootstrap.logs.LogCapture;
import dev.sidecar.bootstrap.logs.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Changes settings of a running sidecar: the sampler (a volatile in bootstrap, read per root span),
 * the minimum log severity (likewise), and which instrumentations are on. Switching an
 * instrumentation removes all advice and weaves the new set in again: a rare, explicit operation,
 * so the hot path pays nothing for it. Every setting is checked before any is applied.
 */
final class Reconfiguration {
  private static final String SAMPLER = "otel.traces.sampler";
  private static final String SAMPLER_ARG = "otel.traces.sampler.arg";
  private static final String SEVERITY = "sidecar.logs.minimum-severity";
  private static final String INSTRUMENTATION_PREFIX = "otel.instrumentation.";
  private static final String ENABLED_SUFFIX = ".enabled";
  private static final List<String> SAMPLERS = Arrays.asList("always_on", "always_off", "traceidratio",
      "parentbased_always_on", "parentbased_always_off", "parentbased_traceidratio");

  private Reconfiguration() {}

  static Map<String, String> apply(RunningSidecar sidecar, Map<String, String> request) {
    Map<String, String> settings = new LinkedHashMap<>(request);
    settings.remove(Replies.COMMAND);
    if (settings.isEmpty()) {
      return Replies.error("no setting given; expected key=value, e.g. " + SAMPLER_ARG + "=0.1");
    }
    List<String> known = knownInstrumentations();
    for (Map.Entry<String, String> setting : settings.entrySet()) {
      String problem = check(setting.getKey(), setting.getValue().trim(), known);
      if (problem != null) {
        return Replies.error(problem + "; nothing changed");
      }
    }
    Map<String, String> merged = new HashMap<>(sidecar.config.asMap());
    settings.forEach((key, value) -> merged.put(normalize(key), value.trim()));
    AgentConfig config = AgentConfig.fromMap(merged);
    Sampler.install(TracingSettings.sampler(config));
    LogCapture.configure(Severity.parse(minimumSeverity(config)));
    List<InstrumentationModule> modules = Instrumentations.enabled(config);
    boolean reinstalled = !names(modules).equals(names(sidecar.modules));
    if (reinstalled) {
      try {
        sidecar.reinstall(modules);
      } catch (Exception e) {
        return Replies.error("could not change the instrumentations (" + e + "); they are as before this command");
      }
    }
    sidecar.config = config;
    return Replies.ok("applied " + settings.size() + " setting(s); sampler " + Sampler.current()
        + ", minimum log severity " + minimumSeverity(config)
        + (reinstalled ? ", instrumentations " + String.join(",", names(modules)) : ""));
  }

  /** The minimum severity's name as configured; TRACE when unset or invalid, as at start. */
  static String minimumSeverity(AgentConfig config) {
    String name = config.getString(SEVERITY, "TRACE").toUpperCase(Locale.ROOT);
    return Severity.parse(name) < 0 ? "TRACE" : name;
  }

  /** What is wrong with {@code key=value}, or null when it may be applied. */
  static String check(String key, String value, List<String> knownInstrumentations) {
    String normalized = normalize(key);
    if (normalized.equals(normalize(SAMPLER))) {
      return SAMPLERS.contains(value.toLowerCase(Locale.ROOT)) ? null
          : "invalid value for " + key + ": '" + value + "' (expected one of " + String.join(", ", SAMPLERS) + ")";
    }
    if (normalized.equals(normalize(SAMPLER_ARG))) {
      try {
        double ratio = Double.parseDouble(value);
        if (ratio >= 0.0 && ratio <= 1.0) {
          return null;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      return "invalid value for " + key + ": '" + value + "' (expected a ratio from 0 to 1)";
    }
    if (normalized.equals(normalize(SEVERITY))) {
      return Severity.parse(value) >= 0 ? null
          : "invalid value for " + key + ": '" + value + "' (expected TRACE, DEBUG, INFO, WARN, ERROR or FATAL)";
    }
    if (normalized.startsWith(INSTRUMENTATION_PREFIX) && normalized.endsWith(ENABLED_SUFFIX)) {
      String name = normalized.substring(INSTRUMENTATION_PREFIX.length(), normalized.length() - ENABLED_SUFFIX.length());
      if (knownInstrumentations.stream().noneMatch(known -> normalize(known).equals(name))) {
        return "unknown instrumentation in " + key + " (known: " + String.join(", ", knownInstrumentations) + ")";
      }
      return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false") ? null
          : "invalid value for " + key + ": '" + value + "' (expected true or false)";
    }
    return "unknown or not changeable at runtime: '" + key + "' (changeable: " + SAMPLER + ", " + SAMPLER_ARG
        + ", " + SEVERITY + ", " + INSTRUMENTATION_PREFIX + "<name>" + ENABLED_SUFFIX + ")";
  }

  private static List<String> knownInstrumentations() {
    return names(Instrumentations.all());
  }

  private static List<String> names(List<InstrumentationModule> modules) {
    List<String> names = new ArrayList<>();
    for (InstrumentationModule module : modules) {
      if (!names.contains(module.name())) {
        names.add(module.name());
      }
    }
    return names;
  }

  /** As the configuration compares names: case, '-' and '_' aside. */
  private static String normalize(String key) {
    return key.trim().toLowerCase(Locale.ROOT).replace('-', '.').replace('_', '.');
  }
}
