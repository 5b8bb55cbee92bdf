package dev.sidecar.agent;

import dev.sidecar.agent.config.AgentConfig;
import dev.sidecar.agent.config.TracingSettings;
import dev.sidecar.agent.control.RunningSidecar;
import dev.sidecar.agent.export.AttributeLimits;
import dev.sidecar.agent.export.BatchSettings;
import dev.sidecar.agent.export.SidecarResource;
import dev.sidecar.agent.export.ExportLoop;
import dev.sidecar.agent.export.LogExporters;
import dev.sidecar.agent.export.RecordExporters;
import dev.sidecar.agent.export.SpanExporters;
import dev.sidecar.agent.install.AgentInstaller;
import dev.sidecar.agent.install.InstalledTransformer;
import dev.sidecar.agent.install.Instrumentations;
import dev.sidecar.agent.install.TransformationCounter;
import dev.sidecar.agent.instrumentation.InstrumentationModule;
import dev.sidecar.bootstrap.Handoff;
import dev.sidecar.bootstrap.Propagators;
import dev.sidecar.bootstrap.Sampler;
import dev.sidecar.bootstrap.SidecarHandle;
import dev.sidecar.bootstrap.SidecarThread;
import dev.sidecar.bootstrap.SpanRecord;
import dev.sidecar.bootstrap.http.HttpHeaderCapture;
import dev.sidecar.bootstrap.logs.LogCapture;
import dev.sidecar.bootstrap.logs.LogContextCapture;
import dev.sidecar.bootstrap.logs.LogEvent;
import dev.sidecar.bootstrap.logs.Severity;
import io.opentelemetry.sdk.resources.Resource;
import java.util.function.Supplier;
import java.io.File;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/**
 * The sidecar's start: reads the configuration, sets up the bootstrap's sampler, propagators and
 * queue, instruments, then starts the export threads. Called by the launcher in the sidecar class
 * loader.
 */
public final class Sidecar {
  private Sidecar() {}

  public static void start(Instrumentation instrumentation, String agentArgs, File agentJar, boolean attached)
      throws Exception {
    start(instrumentation, AgentConfig.load(agentArgs), agentJar, attached);
  }

  /** Starts with {@code config}; returns the running sidecar, or null when disabled or one runs already. */
  public static RunningSidecar start(Instrumentation instrumentation, AgentConfig config, File agentJar,
      boolean attached) throws Exception {
    AgentLog.enableDebug(config.getBoolean("otel.javaagent.debug", false));
    if (!config.getBoolean("otel.javaagent.enabled", true)) {
      AgentLog.info("disabled by otel.javaagent.enabled=false; nothing is instrumented");
      return null;
    }
    if (SidecarHandle.control() != null) {
      AgentLog.warn("Sidecar " + System.getProperty(RunningSidecar.VERSION_PROPERTY)
          + " is already running in this JVM; this second agent does nothing");
      return null;
    }
    new SidecarThread(new ClassPreload(agentJar, Sidecar.class.getClassLoader()), "sidecar-preload").start();
    String version = version(agentJar);
    Sampler sampler = TracingSettings.sampler(config);
    Sampler.install(sampler);
    boolean[] propagators = TracingSettings.propagators(config);
    Propagators.configure(propagators[0], propagators[1]);
    SpanRecord.threadDetails(config.getBoolean("otel.javaagent.add-thread-details", true));
    HttpHeaderCapture.configure(
        config.getList("otel.instrumentation.http.server.capture-request-headers", List.of()).toArray(new String[0]),
        config.getList("otel.instrumentation.http.server.capture-response-headers", List.of()).toArray(new String[0]));
    BatchSettings batch = BatchSettings.from(config);
    Handoff.configure(batch.maxQueueSize(), batch.maxExportBatchSize());

    BatchSettings logBatch = BatchSettings.forLogs(config);
    Handoff.configureLogs(logBatch.maxQueueSize(), logBatch.maxExportBatchSize());
    LogCapture.configure(minimumLogSeverity(config));
    LogContextCapture.configure(
        config.getList("otel.instrumentation.logback-appender.experimental.capture-mdc-attributes", List.of()),
        config.getList("otel.instrumentation.log4j-appender.experimental.capture-mdc-attributes", List.of()));
    AttributeLimits limits = AttributeLimits.general(config);
    AttributeLimits spanLimits = limits.forSpans(config);
    AttributeLimits logLimits = limits.forLogs(config);
    LogContextCapture.limit(logLimits.count());
    LogCapture.limitBody(config.getInt("sidecar.logs.body.length.limit", 16384, 0, Integer.MAX_VALUE));

    // Instrumented first, export threads started second: the classes those threads load as they build
    // the exporters (the HTTP sender's thread pool, java.util.logging) are then woven as they load, on those
    // threads, instead of retransformed afterwards on the application's main thread.
    List<InstrumentationModule> modules = Instrumentations.enabled(config);
    TransformationCounter counter = new TransformationCounter();
    InstalledTransformer transformer = AgentInstaller.install(instrumentation, modules, agentJar, counter);

    // Checked once, here, so each invalid exporter setting is reported once.
    AgentConfig exportConfig = AgentConfig.fromMap(SpanExporters.sanitized(config));
    Supplier<Resource> resource = new Once<>(() -> SidecarResource.create(config, version));
    ExportLoop<SpanRecord> spanLoop = ExportLoop.start("sidecar-export-0", "spans", Handoff.spans(), batch,
        () -> RecordExporters.forSpans(SpanExporters.create(exportConfig), resource.get(), version, spanLimits));
    ExportLoop<LogEvent> logLoop = ExportLoop.start("sidecar-export-1", "log records", Handoff.logs(), logBatch,
        () -> RecordExporters.forLogs(LogExporters.create(exportConfig), resource.get(), logLimits));
    Duration shutdownTimeout = config.getDuration("sidecar.shutdown.timeout", Duration.ofSeconds(5));
    // Both loops flush at once and the hook returns by the deadline, whatever the collector does:
    // their threads are daemons, so the JVM's exit never waits for an export in flight.
    Thread shutdownHook = new SidecarThread(
        () -> ExportLoop.shutdownAll(shutdownTimeout, spanLoop, logLoop), "sidecar-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);

    if (AgentLog.debugEnabled()) {
      // Only in debug mode: describing the exporter checks its settings over again.
      AgentLog.debug("started " + version + (attached ? " by attach" : "") + "; sampler " + sampler
          + "; instrumentations " + modules.stream().map(InstrumentationModule::name).collect(Collectors.joining(", "))
          + "; spans to " + SpanExporters.describe(exportConfig));
    }
    return RunningSidecar.register(new RunningSidecar.Parts().version(version, attached)
        .agent(instrumentation, agentJar).config(config, exportConfig).exports(spanLoop, logLoop, shutdownHook)
        .instrumentation(modules, transformer, counter));
  }

  private static int minimumLogSeverity(AgentConfig config) {
    String name = config.getString("sidecar.logs.minimum-severity", "TRACE");
    int severity = Severity.parse(name);
    if (severity < 0) {
      AgentLog.warn("invalid value for sidecar.logs.minimum-severity: '" + name
          + "' (expected TRACE, DEBUG, INFO, WARN, ERROR or FATAL); using the default, TRACE");
      return Severity.TRACE;
    }
    return severity;
  }

  /** The version in the agent jar's manifest; hidden classes have no package metadata of their own. */
  static String version(File agentJar) {
    try (JarFile jar = new JarFile(agentJar, false)) {
      String version = jar.getManifest() == null ? null
          : jar.getManifest().getMainAttributes().getValue("Implementation-Version");
      return version == null ? "development" : version;
    } catch (IOException e) {
      return "development";
    }
  }
}
