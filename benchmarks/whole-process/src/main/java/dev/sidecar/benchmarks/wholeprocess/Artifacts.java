package dev.sidecar.benchmarks.wholeprocess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The jars a run needs. The driver jar sits in {@code benchmarks/whole-process/target}, beside the
 * app jars and the OpenTelemetry agent the build copied there; Sidecar's agent is the one the same
 * build made in {@code agent/target}. A baseline Sidecar jar, to compare against, is only ever the
 * one the command line names (null otherwise).
 */
record Artifacts(Path targetDir, Path sidecarAgent, Path otelAgent, Path baselineAgent) {

  static Artifacts locate(Path sidecarAgent, Path otelAgent, Path baselineAgent) {
    Path targetDir = driverJarDir();
    Path root = targetDir.getParent().getParent().getParent();
    return new Artifacts(targetDir,
        sidecarAgent != null ? sidecarAgent.toAbsolutePath() : root.resolve("agent/target/sidecar-agent.jar"),
        otelAgent != null ? otelAgent.toAbsolutePath() : targetDir.resolve("opentelemetry-javaagent.jar"),
        baselineAgent != null ? baselineAgent.toAbsolutePath() : null);
  }

  /** The agent jar {@code config} runs; null for no agent. */
  Path agentJar(AgentConfig config) {
    if (!config.agent()) {
      return null;
    }
    if (config == AgentConfig.SIDECAR_BASELINE) {
      return baselineAgent;
    }
    return config.sidecar() ? sidecarAgent : otelAgent;
  }

  Path appJar(AppKind app) {
    return targetDir.resolve(app.jar);
  }

  /** Fails with one line naming the first jar that is missing and how to build it. */
  void check(Iterable<AppKind> apps, Iterable<AgentConfig> configs) {
    for (AppKind app : apps) {
      require(appJar(app));
    }
    for (AgentConfig config : configs) {
      if (config == AgentConfig.SIDECAR_BASELINE && baselineAgent == null) {
        throw new BenchmarkException("the configuration " + config.id + " runs the jar --baseline-agent names; "
            + "none was given");
      }
      if (config.agent()) {
        require(agentJar(config));
      }
    }
  }

  static long size(Path jar) {
    try {
      return Files.size(jar);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void require(Path jar) {
    if (!Files.isRegularFile(jar)) {
      throw new BenchmarkException(jar + " is missing: build it first with 'mvn -B -q install -DskipTests'");
    }
  }

  private static Path driverJarDir() {
    try {
      Path location = Path.of(Artifacts.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // target/whole-process.jar, or target/classes when run from an IDE: target either way.
      return location.getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
