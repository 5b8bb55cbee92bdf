package dev.sidecar.benchmarks.wholeprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {

  @Test
  void defaultsCompareEveryConfigurationOnBothApps() {
    Options options = Options.parse();
    assertEquals(3, options.rounds());
    assertEquals(3, options.startups());
    assertEquals(Duration.ofSeconds(120), options.warmup());
    assertEquals(Duration.ofSeconds(180), options.warmupMax());
    assertEquals(Duration.ofSeconds(15), options.measure());
    assertEquals(List.of(AppKind.TOMCAT, AppKind.JDK), options.apps());
    assertEquals(List.of(AgentConfig.NONE, AgentConfig.SIDECAR, AgentConfig.OTEL_HTTP_LOGS, AgentConfig.OTEL_DEFAULTS),
        options.configs());
    assertEquals(List.of("-Xmx512m"), options.jvmArgs());
  }

  @Test
  void quickShortensTheRunAndExplicitValuesStillWin() {
    Options options = Options.parse("--seconds", "7", "--quick");
    assertEquals(1, options.rounds());
    assertEquals(1, options.startups());
    assertEquals(Duration.ofSeconds(3), options.warmup());
    assertEquals(Duration.ofSeconds(10), options.warmupMax());
    assertEquals(Duration.ofSeconds(7), options.measure());
  }

  @Test
  void faultsRunSidecarUnlessToldOtherwise() {
    assertEquals(List.of(AgentConfig.SIDECAR), Options.parse("--faults").configs());
    assertEquals(Duration.ofSeconds(10), Options.parse("--faults").warmup());
    assertEquals(List.of(AgentConfig.OTEL_DEFAULTS), Options.parse("--faults", "--configs=otel-defaults").configs());
  }

  @Test
  void interleavedRunsTwelveCyclesOfThreeSecondSlicesOrTwoOfTwoWhenQuick() {
    Options options = Options.parse("--interleaved");
    assertTrue(options.interleaved());
    assertEquals(12, options.cycles());
    assertEquals(3, options.jvms());
    assertEquals(Duration.ofSeconds(3), options.slice());
    Options quick = Options.parse("--interleaved", "--quick", "--cycles=4");
    assertEquals(4, quick.cycles());
    assertEquals(1, quick.jvms());
    assertEquals(Duration.ofSeconds(2), quick.slice());
    assertEquals(false, Options.parse().interleaved());
  }

  @Test
  void appsLogARecordPerRequestUnlessNoLogsIsGiven() {
    assertTrue(Options.parse().logs());
    assertEquals(false, Options.parse("--no-logs", "--interleaved").logs());
  }

  @Test
  void profileIsOffUnlessAskedAndOnlyForTheRoundsRuns() {
    assertEquals(false, Options.parse().profile());
    assertEquals(true, Options.parse("--profile", "--apps", "tomcat").profile());
    assertEquals("--profile profiles the windows of the rounds' runs; not with --interleaved",
        assertThrows(BenchmarkException.class, () -> Options.parse("--profile", "--interleaved")).getMessage());
    assertEquals("--profile profiles the windows of the rounds' runs; not with --faults",
        assertThrows(BenchmarkException.class, () -> Options.parse("--faults", "--profile")).getMessage());
  }

  @Test
  void moreJvmsThanCyclesIsRefused() {
    assertEquals("--jvms 5 is more than the 4 cycles: each set of JVMs needs a cycle at least",
        assertThrows(BenchmarkException.class, () -> Options.parse("--interleaved", "--cycles", "4", "--jvms", "5"))
            .getMessage());
  }

  @Test
  void faultsAndInterleavedAreRunsOfTheirOwn() {
    assertTrue(assertThrows(BenchmarkException.class, () -> Options.parse("--faults", "--interleaved")).getMessage()
        .contains("--interleaved"));
  }

  @Test
  void listsAndJvmArgumentsAreSplit() {
    Options options = Options.parse("--apps", "jdk", "--jvm-args", "-Xmx1g  -XX:+UseSerialGC", "--rounds=4",
        "--startups", "5");
    assertEquals(List.of(AppKind.JDK), options.apps());
    assertEquals(List.of("-Xmx1g", "-XX:+UseSerialGC"), options.jvmArgs());
    assertEquals(4, options.rounds());
    assertEquals(5, options.startups());
  }

  @Test
  void aBaselineJarIsGivenForTheBaselineConfiguration() {
    Options options = Options.parse("--interleaved", "--configs", "none,sidecar,sidecar-baseline",
        "--baseline-agent", "/tmp/sidecar-before.jar");
    assertEquals(List.of(AgentConfig.NONE, AgentConfig.SIDECAR, AgentConfig.SIDECAR_BASELINE), options.configs());
    assertEquals(Path.of("/tmp/sidecar-before.jar"), options.baselineAgent());
    assertEquals(null, Options.parse().baselineAgent());
  }

  @Test
  void mistakesAreOneLine() {
    assertTrue(assertThrows(BenchmarkException.class, () -> Options.parse("--rounds", "0")).getMessage()
        .contains("--rounds"));
    assertThrows(BenchmarkException.class, () -> Options.parse("--apps", "jetty"));
    assertThrows(BenchmarkException.class, () -> Options.parse("--bogus"));
    assertThrows(BenchmarkException.class, () -> Options.parse("--seconds"));
  }
}
