package dev.sidecar.benchmarks.wholeprocess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The jars a run needs. The driver jar sits in {@code benchmarks/whole-process/target}, beside the
 * app jars and the OpenTelemetry agent the build copied there; Sidecar's agent is the one the same
 * build made in {@code agent/target}.
 */
record Artifacts(Path targetDir, Path sidecarAgent, Path otelAgent) {

  static Artifacts locate(Path sidecarAgent, Path otelAgent) {
    Path targetDir = driverJarDir();
    Path root = targetDir.getParent().getParent().getParent();
    return new Artifacts(targetDir,
        sidecarAgent != null ? sidecarAgent.toAbsolutePath() : root.resolve("agent/target/sidecar-agent.jar"),
        otelAgent != null ? otelAgent.toAbsolutePath() : targetDir.resolve("opentelemetry-javaagent.jar"));
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
      if (config.sidecar()) {
        require(sidecarAgent);
      } else if (config != AgentConfig.NONE) {
        require(otelAgent);
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
