package dev.sidecar.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sidecar.agent.StdStreams;
import dev.sidecar.agent.StdStreams.Captured;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

class AgentConfigTest {
  private static final Map<String, String> NO_ENV = Collections.emptyMap();

  private static AgentConfig args(String agentArgs) {
    return AgentConfig.of(NO_ENV, new Properties(), agentArgs);
  }

  private static AgentConfig single(String key, String value) {
    Properties props = new Properties();
    props.setProperty(key, value);
    return AgentConfig.of(NO_ENV, props, null);
  }

  /** Runs the lookup, asserts it printed nothing, and returns its value. */
  private static <T> T quietly(Callable<T> lookup) {
    Captured<T> result = StdStreams.stderr(lookup);
    assertEquals("", result.text);
    return result.value;
  }

  /** Runs the lookup, asserts it printed exactly the one warning line, and returns its value. */
  private static <T> T warned(String key, String value, Object defaultValue, Callable<T> lookup) {
    Captured<T> result = StdStreams.stderr(lookup);
    assertEquals(Collections.singletonList("[sidecar] WARN invalid value for " + key + ": '" + value
        + "'; using the default, " + defaultValue), result.lines());
    return result.value;
  }

  @Test
  void agentArgumentsBeatSystemPropertiesWhichBeatEnvironment() {
    Map<String, String> env = new HashMap<>();
    env.put("OTEL_SERVICE_NAME", "from-env");
    env.put("OTEL_TRACES_SAMPLER", "always_off");
    env.put("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://env:4318");
    Properties props = new Properties();
    props.setProperty("otel.service.name", "from-props");
    props.setProperty("otel.traces.sampler", "always_on");

    AgentConfig config = AgentConfig.of(env, props, "otel.service.name=from-args , otel.bsp.max.queue.size=7");

    assertEquals("from-args", config.getString("otel.service.name", null));
    assertEquals("always_on", config.getString("otel.traces.sampler", null));
    assertEquals("http://env:4318", config.getString("otel.exporter.otlp.traces.endpoint", null));
    assertEquals("7", config.getString("otel.bsp.max.queue.size", null));
    assertEquals("from-props", AgentConfig.of(env, props, null).getString("otel.service.name", null));
    assertEquals("from-env", AgentConfig.of(env, new Properties(), "").getString("otel.service.name", null));
  }

  @Test
  void onlyOtelAndSidecarNamesAreRead() {
    Map<String, String> env = new HashMap<>();
    env.put("OTEL_SERVICE_NAME", "shop");
    env.put("SIDECAR_SHUTDOWN_TIMEOUT", "3s");
    env.put("PATH", "/usr/bin");
    env.put("otel_lowercase_env", "x");
    Properties props = new Properties();
    props.setProperty("otel.propagators", "tracecontext");
    props.setProperty("java.version", "17");
    props.setProperty("user.name", "me");

    Map<String, String> expected = new HashMap<>();
    expected.put("otel.service.name", "shop");
    expected.put("sidecar.shutdown.timeout", "3s");
    expected.put("otel.propagators", "tracecontext");
    assertEquals(expected, AgentConfig.of(env, props, null).asMap());
  }

  @Test
  void blankValuesCountAsMissing() {
    assertEquals("dflt", single("otel.service.name", "   ").getString("otel.service.name", "dflt"));
    assertEquals("shop", single("otel.service.name", " shop ").getString("otel.service.name", "dflt"));
  }

  @Test
  void booleans() {
    assertEquals(true, quietly(() -> single("otel.x", "TRUE").getBoolean("otel.x", false)));
    assertEquals(false, quietly(() -> single("otel.x", "false").getBoolean("otel.x", true)));
    assertEquals(true, quietly(() -> args("").getBoolean("otel.x", true)));
    assertEquals(true, warned("otel.x", "yes", true, () -> single("otel.x", "yes").getBoolean("otel.x", true)));
  }

  @Test
  void ints() {
    assertEquals(42, quietly(() -> single("otel.n", "42").getInt("otel.n", 1, 1, 100)));
    assertEquals(7, quietly(() -> args(null).getInt("otel.n", 7, 1, 100)));
    assertEquals(7, warned("otel.n", "4.2", 7, () -> single("otel.n", "4.2").getInt("otel.n", 7, 1, 100)));
    assertEquals(7, warned("otel.n", "101", 7, () -> single("otel.n", "101").getInt("otel.n", 7, 1, 100)));
    assertEquals(7, warned("otel.n", "0", 7, () -> single("otel.n", "0").getInt("otel.n", 7, 1, 100)));
    assertEquals(7, warned("otel.n", "many", 7, () -> single("otel.n", "many").getInt("otel.n", 7, 1, 100)));
  }

  @Test
  void doubles() {
    assertEquals(0.25, quietly(() -> single("otel.d", "0.25").getDouble("otel.d", 1.0, 0.0, 1.0)));
    assertEquals(1.0, quietly(() -> args(null).getDouble("otel.d", 1.0, 0.0, 1.0)));
    assertEquals(1.0, warned("otel.d", "1.5", 1.0, () -> single("otel.d", "1.5").getDouble("otel.d", 1.0, 0.0, 1.0)));
    assertEquals(1.0, warned("otel.d", "half", 1.0, () -> single("otel.d", "half").getDouble("otel.d", 1.0, 0.0, 1.0)));
    assertEquals(1.0, warned("otel.d", "NaN", 1.0, () -> single("otel.d", "NaN").getDouble("otel.d", 1.0, 0.0, 1.0)));
  }

  @Test
  void durations() {
    Duration dflt = Duration.ofSeconds(9);
    assertEquals(Duration.ofMillis(500), quietly(() -> single("otel.t", "500").getDuration("otel.t", dflt)));
    assertEquals(Duration.ofMillis(500), quietly(() -> single("otel.t", "500ms").getDuration("otel.t", dflt)));
    assertEquals(Duration.ofSeconds(5), quietly(() -> single("otel.t", "5s").getDuration("otel.t", dflt)));
    assertEquals(Duration.ofMinutes(2), quietly(() -> single("otel.t", "2m").getDuration("otel.t", dflt)));
    assertEquals(Duration.ofHours(1), quietly(() -> single("otel.t", "1h").getDuration("otel.t", dflt)));
    assertEquals(Duration.ofDays(1), quietly(() -> single("otel.t", "1d").getDuration("otel.t", dflt)));
    assertEquals(dflt, quietly(() -> args(null).getDuration("otel.t", dflt)));
    for (String bad : Arrays.asList("soon", "5 parsecs", "-5", "1.5s")) {
      assertEquals(dflt, warned("otel.t", bad, "9s", () -> single("otel.t", bad).getDuration("otel.t", dflt)));
    }
  }

  @Test
  void overflowingDurationFallsBackToTheDefault() {
    Duration dflt = Duration.ofSeconds(5);
    String huge = "999999999999999999d";
    assertEquals(dflt, warned("otel.t", huge, "5s", () -> single("otel.t", huge).getDuration("otel.t", dflt)));
  }

  @Test
  void lists() {
    List<String> dflt = Arrays.asList("a", "b");
    assertEquals(Arrays.asList("tracecontext", "baggage"),
        quietly(() -> single("otel.l", " TraceContext,, baggage ,").getList("otel.l", dflt)));
    assertEquals(dflt, quietly(() -> args(null).getList("otel.l", dflt)));
    assertEquals(Collections.emptyList(), quietly(() -> single("otel.l", ",,").getList("otel.l", dflt)));
  }

  @Test
  void choices() {
    List<String> allowed = Arrays.asList("grpc", "http/protobuf");
    assertEquals("grpc", quietly(() -> single("otel.c", "GRPC").getChoice("otel.c", "http/protobuf", allowed)));
    assertEquals("http/protobuf", quietly(() -> args(null).getChoice("otel.c", "http/protobuf", allowed)));
    assertEquals("http/protobuf", warned("otel.c", "http/json", "http/protobuf",
        () -> single("otel.c", "http/json").getChoice("otel.c", "http/protobuf", allowed)));
  }

  @Test
  void environmentVariablesReachDashedPropertyNames() {
    Map<String, String> env = new HashMap<>();
    env.put("OTEL_INSTRUMENTATION_COMMON_DEFAULT_ENABLED", "false");
    env.put("OTEL_INSTRUMENTATION_JAVA_HTTP_SERVER_ENABLED", "false");
    AgentConfig config = AgentConfig.of(env, new Properties(), null);
    assertEquals(false, config.getBoolean("otel.instrumentation.common.default-enabled", true));
    assertEquals(false, config.getBoolean("otel.instrumentation.java-http-server.enabled", true));
  }
}
