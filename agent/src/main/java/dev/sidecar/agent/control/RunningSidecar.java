package dev.sidecar.agent.control;

import dev.sidecar.agent.config.AgentConfig;
import dev.sidecar.agent.export.ExportLoop;
import dev.sidecar.agent.install.AgentInstaller;
import dev.sidecar.agent.install.InstalledTransformer;
import dev.sidecar.agent.install.TransformationCounter;
import dev.sidecar.agent.instrumentation.InstrumentationModule;
import dev.sidecar.bootstrap.SidecarHandle;
import dev.sidecar.bootstrap.SpanRecord;
import dev.sidecar.bootstrap.logs.LogEvent;
import java.io.File;
import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a started sidecar keeps so that later commands can inspect, change and remove it. Registered
 * in {@link SidecarHandle}; commands arrive there from later attaches, one at a time (the JVM's attach
 * listener runs them in turn), and are synchronized here as well.
 */
public final class RunningSidecar implements Function<Map<String, String>, Map<String, String>> {
  /** The system property that tells {@code sidecar-agent.jar list} a sidecar runs, and which. */
  public static final String VERSION_PROPERTY = "sidecar.version";

  final String version;
  final boolean attached;
  final long startedMillis = System.currentTimeMillis();
  final Instrumentation instrumentation;
  final File agentJar;
  final AgentConfig exportConfig;
  final ExportLoop<SpanRecord> spans;
  final ExportLoop<LogEvent> logs;
  final Thread shutdownHook;
  // Changed by config and detach; commands are serialized by the methods below.
  AgentConfig config;
  List<InstrumentationModule> modules;
  InstalledTransformer transformer;
  TransformationCounter counter;

  private RunningSidecar(Parts parts) {
    this.version = parts.version;
    this.attached = parts.attached;
    this.instrumentation = parts.instrumentation;
    this.agentJar = parts.agentJar;
    this.config = parts.config;
    this.exportConfig = parts.exportConfig;
    this.spans = parts.spans;
    this.logs = parts.logs;
    this.shutdownHook = parts.shutdownHook;
    this.modules = parts.modules;
    this.transformer = parts.transformer;
    this.counter = parts.counter;
  }

  /** Registers what {@code parts} describes as this JVM's sidecar; null if another is registered already. */
  public static RunningSidecar register(Parts parts) {
    RunningSidecar running = new RunningSidecar(parts);
    if (!SidecarHandle.register(running)) {
      return null;
    }
    System.setProperty(VERSION_PROPERTY, running.version);
    return running;
  }

  @Override
  public synchronized Map<String, String> apply(Map<String, String> request) {
    String command = request.getOrDefault(Replies.COMMAND, "");
    switch (command) {
      case "status":
        return StatusReport.of(this);
      case "config":
        return Reconfiguration.apply(this, request);
      case "detach":
        return Detach.run(this);
      case "attach":
        return Replies.error("Sidecar " + version + " is already running in this JVM (started "
            + startedBy() + "); nothing attached" + (attached ? ", detach it first to attach anew" : ""));
      default:
        return Replies.error("unknown command '" + command + "' for Sidecar " + version + "; nothing done");
    }
  }

  String startedBy() {
    return attached ? "by attach" : "with -javaagent";
  }

  /** Replaces the instrumentation with {@code newModules}: the old advice is removed, then the new woven in. */
  void reinstall(List<InstrumentationModule> newModules) throws Exception {
    Detach.resetTransformer(this);
    TransformationCounter newCounter = new TransformationCounter();
    transformer = AgentInstaller.install(instrumentation, newModules, agentJar, newCounter);
    counter = newCounter;
    modules = newModules;
  }

  /** The parts of a started sidecar, named so that {@link #register} takes one argument. */
  public static final class Parts {
    String version;
    boolean attached;
    Instrumentation instrumentation;
    File agentJar;
    AgentConfig config;
    AgentConfig exportConfig;
    ExportLoop<SpanRecord> spans;
    ExportLoop<LogEvent> logs;
    Thread shutdownHook;
    List<InstrumentationModule> modules;
    InstalledTransformer transformer;
    TransformationCounter counter;

    public Parts version(String value, boolean startedByAttach) {
      version = value;
      attached = startedByAttach;
      return this;
    }

    public Parts agent(Instrumentation value, File jar) {
      instrumentation = value;
      agentJar = jar;
      return this;
    }

    public Parts config(AgentConfig value, AgentConfig export) {
      config = value;
      exportConfig = export;
      return this;
    }

    public Parts exports(ExportLoop<SpanRecord> spanLoop, ExportLoop<LogEvent> logLoop, Thread exitHook) {
      spans = spanLoop;
      logs = logLoop;
      shutdownHook = exitHook;
      return this;
    }

    public Parts instrumentation(List<InstrumentationModule> value, InstalledTransformer installed,
        TransformationCounter transformed) {
      modules = value;
      transformer = installed;
      counter = transformed;
      return this;
    }
  }
}
