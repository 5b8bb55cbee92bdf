package dev.sidecar.agent.control;

import dev.sidecar.agent.export.ExportLoop;
import dev.sidecar.agent.export.SpanExporters;
import dev.sidecar.agent.instrumentation.InstrumentationModule;
import dev.sidecar.bootstrap.AgentErrors;
import dev.sidecar.bootstrap.Handoff;
import dev.sidecar.bootstrap.HandoffQueue;
import dev.sidecar.bootstrap.Sampler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The health of a running sidecar as flat fields. Exporter headers are named, never their values
 * (they often carry credentials).
 */
final class StatusReport {
  private StatusReport() {}

  static Map<String, String> of(RunningSidecar sidecar) {
    Map<String, String> status = Replies.ok("Sidecar " + sidecar.version + " running, started " + sidecar.startedBy());
    status.put("version", sidecar.version);
    status.put("started_by", sidecar.attached ? "attach" : "javaagent");
    status.put("uptime_seconds", Long.toString((System.currentTimeMillis() - sidecar.startedMillis) / 1000));
    signal(status, "spans", sidecar.spans, Handoff.spans());
    signal(status, "logs", sidecar.logs, Handoff.logs());
    String exporter = SpanExporters.describe(sidecar.exportConfig);
    String[] words = exporter.split(" ");
    boolean otlp = words.length == 3 && words[0].equals("otlp");
    status.put("exporter", otlp ? "otlp" : exporter);
    status.put("exporter.protocol", otlp ? words[1] : "");
    status.put("exporter.endpoint", otlp ? words[2] : "");
    status.put("exporter.headers", headerNames(sidecar));
    status.put("sampler", Sampler.current().toString());
    status.put("logs.minimum_severity", Reconfiguration.minimumSeverity(sidecar.config));
    status.put("instrumentations", sidecar.modules.stream().map(InstrumentationModule::name).distinct()
        .collect(Collectors.joining(",")));
    status.put("classes_transformed", Long.toString(sidecar.counter.transformed()));
    status.put("agent_errors", Long.toString(AgentErrors.count()));
    return status;
  }

  private static void signal(Map<String, String> status, String name, ExportLoop<?> loop, HandoffQueue<?> queue) {
    status.put(name + ".captured", Long.toString(queue.accepted() + queue.dropped()));
    status.put(name + ".exported", Long.toString(loop.exported()));
    status.put(name + ".failed", Long.toString(loop.failed()));
    status.put(name + ".dropped", Long.toString(loop.dropped()));
    status.put(name + ".queued", Integer.toString(loop.queued()));
    String error = loop.lastError();
    status.put(name + ".last_error", error == null ? "" : error.replace('\n', ' '));
    status.put(name + ".last_error_at",
        error == null ? "" : Instant.ofEpochMilli(loop.lastErrorEpochMillis()).toString());
  }

  /** The names of the configured OTLP headers (general and per signal), never their values. */
  private static String headerNames(RunningSidecar sidecar) {
    List<String> names = new ArrayList<>();
    for (String key : new String[] {"otel.exporter.otlp.headers", "otel.exporter.otlp.traces.headers",
        "otel.exporter.otlp.logs.headers"}) {
      for (String header : sidecar.config.getString(key, "").split(",")) {
        int eq = header.indexOf('=');
        String name = (eq < 0 ? header : header.substring(0, eq)).trim();
        if (!name.isEmpty() && !names.contains(name)) {
          names.add(name);
        }
      }
    }
    return String.join(",", names);
  }
}
