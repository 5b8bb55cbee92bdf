package dev.sidecar.benchmarks.wholeprocess;

import dev.sidecar.benchmarks.wholeprocess.apps.RequestWork;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The agent configurations compared. Every agent exports traces and logs over OTLP http/protobuf
 * to the same receiver under the same service name, with its default batch settings (Sidecar's are
 * the OpenTelemetry SDK's: spans every 5 s or 512 at a time, log records every 1 s, queues of 2048).
 */
enum AgentConfig {
  NONE("none", "no agent"),
  SIDECAR("sidecar", "Sidecar"),
  /**
   * Sidecar recording every request as usual, its exporters {@code none}: the queue is drained and
   * nothing encoded or sent. Set against {@link #SIDECAR}, it tells what export costs.
   */
  SIDECAR_NO_EXPORT("sidecar-no-export", "Sidecar, exporting nothing"),
  /**
   * Sidecar as {@link #SIDECAR} runs it, from the jar {@code --baseline-agent} names: beside
   * {@link #SIDECAR} in one run, it tells what a change to the agent did, with the VM's slow
   * spells and each JVM's luck falling on both builds alike.
   */
  SIDECAR_BASELINE("sidecar-baseline", "Sidecar, baseline jar"),
  /** Only the instrumentations that make the same telemetry as Sidecar here: the HTTP servers and JUL. */
  OTEL_HTTP_LOGS("otel-http-logs", "OTel agent, HTTP+JUL only"),
  OTEL_DEFAULTS("otel-defaults", "OTel agent, defaults"),
  /**
   * No agent: the app itself spins for 1 µs on the thread of each request, where an agent's advice
   * runs. Not an agent but a yardstick: set against {@link #NONE} in the same run, it shows what one
   * microsecond more on the request thread costs this app on this machine, in throughput and CPU.
   */
  WORK_1US("work-1us", "no agent, 1 µs of work");

  /** What {@link #WORK_1US} has the app spend on each request's thread. */
  static final long WORK_NANOS = 1_000;

  /** The OpenTelemetry agent's instrumentation names for embedded Tomcat 10, the JDK server and JUL. */
  static final List<String> OTEL_HTTP_LOGS_INSTRUMENTATIONS =
      List.of("tomcat", "servlet", "java-http-server", "java-util-logging");

  final String id;
  final String label;

  AgentConfig(String id, String label) {
    this.id = id;
    this.label = label;
  }

  static AgentConfig of(String id) {
    return Arrays.stream(values()).filter(config -> config.id.equals(id)).findFirst()
        .orElseThrow(() -> new BenchmarkException("unknown configuration '" + id + "'; known: "
            + String.join(", ", Arrays.stream(values()).map(config -> config.id).toList())));
  }

  /** Whether this configuration runs an agent at all. */
  boolean agent() {
    return this != NONE && this != WORK_1US;
  }

  /** Whether this configuration runs the Sidecar agent. */
  boolean sidecar() {
    return this == SIDECAR || this == SIDECAR_NO_EXPORT || this == SIDECAR_BASELINE;
  }

  /** Whether spans and log records are exported, and so are to be counted at the receiver. */
  boolean exports() {
    return agent() && this != SIDECAR_NO_EXPORT;
  }

  /** The JVM options that run this configuration, exporting to {@code endpoint}. */
  List<String> jvmOptions(Artifacts artifacts, String endpoint, String serviceName) {
    List<String> options = new ArrayList<>();
    if (this == WORK_1US) {
      options.add("-D" + RequestWork.PROPERTY + "=" + WORK_NANOS);
    }
    if (!agent()) {
      return options;
    }
    options.add("-javaagent:" + artifacts.agentJar(this));
    options.add("-Dotel.service.name=" + serviceName);
    options.add("-Dotel.exporter.otlp.protocol=http/protobuf");
    options.add("-Dotel.exporter.otlp.endpoint=" + endpoint);
    String exporter = exports() ? "otlp" : "none";
    options.add("-Dotel.traces.exporter=" + exporter);
    options.add("-Dotel.logs.exporter=" + exporter);
    if (!sidecar()) {
      options.add("-Dotel.metrics.exporter=none");
    }
    if (this == OTEL_HTTP_LOGS) {
      options.add("-Dotel.instrumentation.common.default-enabled=false");
      OTEL_HTTP_LOGS_INSTRUMENTATIONS.forEach(name -> options.add("-Dotel.instrumentation." + name + ".enabled=true"));
    }
    return options;
  }
}
