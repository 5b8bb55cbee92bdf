package dev.sidecar.agent.config;

import dev.sidecar.agent.AgentLog;
import dev.sidecar.bootstrap.Sampler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the settings the application thread acts on, {@code otel.traces.sampler*} and
 * {@code otel.propagators}, into the bootstrap's {@link Sampler} and propagator switches.
 */
public final class TracingSettings {
  private static final List<String> SAMPLERS = Arrays.asList("always_on", "always_off", "traceidratio",
      "parentbased_always_on", "parentbased_always_off", "parentbased_traceidratio");

  private TracingSettings() {}

  public static Sampler sampler(AgentConfig config) {
    String name = config.getChoice("otel.traces.sampler", "parentbased_always_on", SAMPLERS);
    double ratio = name.endsWith("traceidratio") ? config.getDouble("otel.traces.sampler.arg", 1.0, 0.0, 1.0) : 1.0;
    switch (name) {
      case "always_on":
        return Sampler.ratio(1.0);
      case "always_off":
        return Sampler.ratio(0.0);
      case "traceidratio":
        return Sampler.ratio(ratio);
      case "parentbased_always_off":
        return Sampler.parentBased(0.0);
      case "parentbased_traceidratio":
        return Sampler.parentBased(ratio);
      default:
        return Sampler.parentBased(1.0);
    }
  }

  /**
   * {@code [traceContext, baggage]} from {@code otel.propagators}; unknown names are reported and
   * skipped, and when no name is known the default (both) applies.
   */
  public static boolean[] propagators(AgentConfig config) {
    List<String> names = config.getList("otel.propagators", Arrays.asList("tracecontext", "baggage"));
    boolean traceContext = false;
    boolean baggage = false;
    List<String> unknown = new ArrayList<>();
    for (String name : names) {
      switch (name) {
        case "tracecontext":
          traceContext = true;
          break;
        case "baggage":
          baggage = true;
          break;
        case "none":
          break;
        default:
          unknown.add(name);
      }
    }
    boolean noneKnown = unknown.size() == names.size();
    for (String name : unknown) {
      AgentLog.warn("unsupported value in otel.propagators: '" + name + "' (supported: tracecontext, baggage, none); "
          + (noneKnown ? "using the default, tracecontext,baggage" : "ignored"));
    }
    return noneKnown && !unknown.isEmpty() ? new boolean[] {true, true} : new boolean[] {traceContext, baggage};
  }
}
