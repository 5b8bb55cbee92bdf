package dev.sidecar.agent.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidecar.agent.StdStreams;
import dev.sidecar.agent.StdStreams.Captured;
import dev.sidecar.bootstrap.Sampler;
import java.util.Collections;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TracingSettingsTest {
  /** Trace id halves spread over the whole range, including both extremes. */
  private static final long[] IDS = {1L, -1L, 42L, Long.MAX_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE / 3,
      Long.MAX_VALUE / 2, -(Long.MAX_VALUE / 2), 0x0123456789abcdefL, 0xfedcba9876543210L};
  private static final long SMALL = Long.MAX_VALUE / 8; // below a quarter of the range
  private static final long LARGE = Long.MAX_VALUE / 2; // above a quarter of the range

  private static AgentConfig config(String... keyValues) {
    Properties props = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      props.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return AgentConfig.of(Collections.emptyMap(), props, null);
  }

  private static Sampler quietSampler(String... keyValues) {
    Captured<Sampler> result = StdStreams.stderr(() -> TracingSettings.sampler(config(keyValues)));
    assertEquals("", result.text);
    return result.value;
  }

  @Test
  void defaultIsParentBasedAlwaysOn() {
    Sampler sampler = quietSampler();
    assertEquals("parentbased(traceidratio(1.0))", sampler.toString());
    for (long id : IDS) {
      assertTrue(sampler.sampleRoot(id));
      assertTrue(sampler.sampleChild(true, id));
      assertFalse(sampler.sampleChild(false, id));
    }
  }

  @Test
  void alwaysOnSamplesEverythingWhateverTheParent() {
    Sampler sampler = quietSampler("otel.traces.sampler", "always_on", "otel.traces.sampler.arg", "0.1");
    assertEquals("traceidratio(1.0)", sampler.toString());
    for (long id : IDS) {
      assertTrue(sampler.sampleRoot(id));
      assertTrue(sampler.sampleChild(false, id));
    }
  }

  @Test
  void alwaysOffSamplesNothingWhateverTheParent() {
    Sampler sampler = quietSampler("otel.traces.sampler", "ALWAYS_OFF");
    assertEquals("traceidratio(0.0)", sampler.toString());
    for (long id : IDS) {
      assertFalse(sampler.sampleRoot(id));
      assertFalse(sampler.sampleChild(true, id));
    }
  }

  @Test
  void parentBasedAlwaysOffFollowsTheParentAndDropsRoots() {
    Sampler sampler = quietSampler("otel.traces.sampler", "parentbased_always_off");
    assertEquals("parentbased(traceidratio(0.0))", sampler.toString());
    for (long id : IDS) {
      assertFalse(sampler.sampleRoot(id));
      assertTrue(sampler.sampleChild(true, id));
      assertFalse(sampler.sampleChild(false, id));
    }
  }

  @Test
  void parentBasedAlwaysOn() {
    Sampler sampler = quietSampler("otel.traces.sampler", "parentbased_always_on");
    assertEquals("parentbased(traceidratio(1.0))", sampler.toString());
    assertTrue(sampler.sampleRoot(LARGE));
    assertFalse(sampler.sampleChild(false, SMALL));
  }

  @Test
  void traceIdRatioUsesTheArgumentAndIgnoresTheParent() {
    Sampler sampler = quietSampler("otel.traces.sampler", "traceidratio", "otel.traces.sampler.arg", "0.25");
    assertEquals("traceidratio(0.25)", sampler.toString());
    assertTrue(sampler.sampleRoot(SMALL));
    assertTrue(sampler.sampleRoot(-SMALL));
    assertFalse(sampler.sampleRoot(LARGE));
    assertFalse(sampler.sampleRoot(-LARGE));
    assertFalse(sampler.sampleChild(true, LARGE));
    assertTrue(sampler.sampleChild(false, SMALL));
  }

  @Test
  void parentBasedTraceIdRatio() {
    Sampler sampler = quietSampler("otel.traces.sampler", "parentbased_traceidratio", "otel.traces.sampler.arg", "0.25");
    assertEquals("parentbased(traceidratio(0.25))", sampler.toString());
    assertTrue(sampler.sampleRoot(SMALL));
    assertFalse(sampler.sampleRoot(LARGE));
    assertTrue(sampler.sampleChild(true, LARGE));
    assertFalse(sampler.sampleChild(false, SMALL));
  }

  @Test
  void unknownSamplerWarnsAndUsesParentBasedAlwaysOn() {
    Captured<Sampler> result = StdStreams.stderr(() -> TracingSettings.sampler(config("otel.traces.sampler", "jaeger_remote")));
    assertEquals(Collections.singletonList("[sidecar] WARN invalid value for otel.traces.sampler: 'jaeger_remote'; "
        + "using the default, parentbased_always_on"), result.lines());
    assertEquals("parentbased(traceidratio(1.0))", result.value.toString());
  }

  @Test
  void ratioOutOfRangeWarnsAndUsesOne() {
    Captured<Sampler> result = StdStreams.stderr(() -> TracingSettings.sampler(
        config("otel.traces.sampler", "traceidratio", "otel.traces.sampler.arg", "1.5")));
    assertEquals(Collections.singletonList(
        "[sidecar] WARN invalid value for otel.traces.sampler.arg: '1.5'; using the default, 1.0"), result.lines());
    assertEquals("traceidratio(1.0)", result.value.toString());

    Captured<Sampler> negative = StdStreams.stderr(() -> TracingSettings.sampler(
        config("otel.traces.sampler", "parentbased_traceidratio", "otel.traces.sampler.arg", "-0.1")));
    assertEquals(1, negative.lines().size());
    assertEquals("parentbased(traceidratio(1.0))", negative.value.toString());
  }

  private static Captured<boolean[]> propagators(String... keyValues) {
    return StdStreams.stderr(() -> TracingSettings.propagators(config(keyValues)));
  }

  @Test
  void propagatorsDefaultToTraceContextAndBaggage() {
    Captured<boolean[]> result = propagators();
    assertArrayEquals(new boolean[] {true, true}, result.value);
    assertEquals("", result.text);
  }

  @Test
  void propagatorsTraceContextOnly() {
    Captured<boolean[]> result = propagators("otel.propagators", "tracecontext");
    assertArrayEquals(new boolean[] {true, false}, result.value);
    assertEquals("", result.text);
    assertArrayEquals(new boolean[] {false, true}, propagators("otel.propagators", " Baggage ").value);
  }

  @Test
  void propagatorsNoneTurnsBothOff() {
    Captured<boolean[]> result = propagators("otel.propagators", "none");
    assertArrayEquals(new boolean[] {false, false}, result.value);
    assertEquals("", result.text);
  }

  @Test
  void unsupportedPropagatorIsReportedAndIgnored() {
    Captured<boolean[]> result = propagators("otel.propagators", "tracecontext,b3");
    assertArrayEquals(new boolean[] {true, false}, result.value);
    assertEquals(Collections.singletonList("[sidecar] WARN unsupported value in otel.propagators: 'b3' "
        + "(supported: tracecontext, baggage, none); ignored"), result.lines());

    Captured<boolean[]> alone = propagators("otel.propagators", "b3");
    assertArrayEquals(new boolean[] {true, true}, alone.value, "the default, as no name was known");
    assertEquals(Collections.singletonList("[sidecar] WARN unsupported value in otel.propagators: 'b3' "
        + "(supported: tracecontext, baggage, none); using the default, tracecontext,baggage"), alone.lines());
  }
}
