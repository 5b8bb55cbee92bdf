package dev.sidecar.benchmarks.wholeprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentConfigTest {
  private static final Artifacts ARTIFACTS =
      new Artifacts(Path.of("target"), Path.of("/agents/sidecar.jar"), Path.of("/agents/otel.jar"),
          Path.of("/agents/sidecar-before.jar"));

  @Test
  void sidecarExportsBothSignalsOverOtlpToTheEndpoint() {
    assertEquals(List.of("-javaagent:/agents/sidecar.jar", "-Dotel.service.name=hello-tomcat",
            "-Dotel.exporter.otlp.protocol=http/protobuf", "-Dotel.exporter.otlp.endpoint=http://127.0.0.1:4318",
            "-Dotel.traces.exporter=otlp", "-Dotel.logs.exporter=otlp"),
        AgentConfig.SIDECAR.jvmOptions(ARTIFACTS, "http://127.0.0.1:4318", "hello-tomcat"));
  }

  @Test
  void sidecarExportingNothingRunsTheSameAgentWithBothExportersNone() {
    AgentConfig config = AgentConfig.of("sidecar-no-export");
    assertEquals(List.of("-javaagent:/agents/sidecar.jar", "-Dotel.service.name=hello-jdk",
            "-Dotel.exporter.otlp.protocol=http/protobuf", "-Dotel.exporter.otlp.endpoint=http://127.0.0.1:4318",
            "-Dotel.traces.exporter=none", "-Dotel.logs.exporter=none"),
        config.jvmOptions(ARTIFACTS, "http://127.0.0.1:4318", "hello-jdk"));
    assertTrue(config.sidecar());
    assertFalse(config.exports());
    assertFalse(AgentConfig.NONE.exports());
    assertTrue(AgentConfig.OTEL_DEFAULTS.exports());
    assertFalse(AgentConfig.OTEL_DEFAULTS.sidecar());
  }

  @Test
  void theBaselineRunsTheOtherSidecarJarAsSidecarRunsItsOwn() {
    AgentConfig config = AgentConfig.of("sidecar-baseline");
    List<String> sidecar = AgentConfig.SIDECAR.jvmOptions(ARTIFACTS, "http://127.0.0.1:4318", "hello-tomcat");
    List<String> baseline = config.jvmOptions(ARTIFACTS, "http://127.0.0.1:4318", "hello-tomcat");
    assertEquals("-javaagent:/agents/sidecar-before.jar", baseline.get(0));
    assertEquals(sidecar.subList(1, sidecar.size()), baseline.subList(1, baseline.size()));
    assertTrue(config.sidecar());
    assertTrue(config.exports());
    assertEquals(Path.of("/agents/sidecar-before.jar"), ARTIFACTS.agentJar(config));
    assertEquals(Path.of("/agents/sidecar.jar"), ARTIFACTS.agentJar(AgentConfig.SIDECAR_NO_EXPORT));
    assertEquals(Path.of("/agents/otel.jar"), ARTIFACTS.agentJar(AgentConfig.OTEL_HTTP_LOGS));
  }

  @Test
  void theBaselineWithoutItsJarIsRefusedInOneLine() {
    Artifacts without = new Artifacts(Path.of("target"), Path.of("/agents/sidecar.jar"), Path.of("/agents/otel.jar"),
        null);
    assertEquals("the configuration sidecar-baseline runs the jar --baseline-agent names; none was given",
        assertThrows(BenchmarkException.class,
            () -> without.check(List.of(), List.of(AgentConfig.SIDECAR_BASELINE))).getMessage());
  }

  @Test
  void theWorkYardstickRunsNoAgentAndHasTheAppSpendAMicrosecondARequest() {
    AgentConfig config = AgentConfig.of("work-1us");
    assertEquals(List.of("-Dhello.work.nanos=1000"),
        config.jvmOptions(ARTIFACTS, "http://127.0.0.1:4318", "hello-tomcat"));
    assertEquals(List.of(), AgentConfig.NONE.jvmOptions(ARTIFACTS, "http://127.0.0.1:4318", "hello-tomcat"));
    assertFalse(config.agent());
    assertFalse(config.sidecar());
    assertFalse(config.exports());
    assertTrue(AgentConfig.SIDECAR_NO_EXPORT.agent());
    assertNull(ARTIFACTS.agentJar(config));
    // Neither asks for an agent jar, so neither fails for want of one.
    Artifacts noJars = new Artifacts(Path.of("target"), Path.of("/nowhere/sidecar.jar"), Path.of("/nowhere/otel.jar"),
        null);
    noJars.check(List.of(), List.of(AgentConfig.NONE, config));
    assertThrows(BenchmarkException.class, () -> noJars.check(List.of(), List.of(AgentConfig.SIDECAR)));
  }

  @Test
  void anUnknownNameIsRefusedWithTheKnownOnes() {
    assertEquals("unknown configuration 'sidecar-nope'; known: none, sidecar, sidecar-no-export, sidecar-baseline, "
        + "otel-http-logs, otel-defaults, work-1us",
        assertThrows(BenchmarkException.class, () -> AgentConfig.of("sidecar-nope")).getMessage());
  }
}
