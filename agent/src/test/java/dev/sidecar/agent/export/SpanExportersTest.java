package dev.sidecar.agent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidecar.agent.AgentLog;
import dev.sidecar.agent.StdStreams;
import dev.sidecar.agent.StdStreams.Captured;
import dev.sidecar.agent.config.AgentConfig;
import dev.sidecar.agent.config.TestConfigs;
import dev.sidecar.bootstrap.CurrentSpan;
import dev.sidecar.bootstrap.Handoff;
import dev.sidecar.bootstrap.Sampler;
import dev.sidecar.bootstrap.SpanKind;
import dev.sidecar.bootstrap.SpanRecord;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SpanExportersTest {
  private static final String OTLP = "otel.exporter.otlp.";

  @BeforeEach
  void setUp() {
    Handoff.configure(64, 8);
    Sampler.install(Sampler.parentBased(1.0));
    AgentLog.enableDebug(false);
  }

  @AfterEach
  void tearDown() {
    CurrentSpan.set(null);
    AgentLog.enableDebug(false);
  }

  private static AgentConfig config(String... keyValues) {
    return TestConfigs.of(keyValues);
  }

  private static SpanData span(String name) {
    SpanRecord record = SpanRecord.startCurrent("test", SpanKind.SERVER, name, null, null, null);
    record.end();
    return new SpanConverter(Resource.empty(), "1.2.3").convert(record);
  }

  @Test
  void validOtlpSettingsAreKeptSilently() {
    String[] given = {OTLP + "protocol", "grpc", OTLP + "traces.protocol", "http/protobuf",
        OTLP + "compression", "gzip", OTLP + "traces.compression", "none",
        OTLP + "endpoint", "http://collector:4317", OTLP + "traces.endpoint", "https://otlp.example.com/v1/traces",
        OTLP + "timeout", "10s", OTLP + "traces.timeout", "500"};
    Captured<Map<String, String>> result = StdStreams.stderr(() -> SpanExporters.sanitized(config(given)));
    assertEquals("", result.text);
    for (int i = 0; i < given.length; i += 2) {
      assertEquals(given[i + 1], result.value.get(given[i]), given[i]);
    }
  }

  @Test
  void protocolDefaultsToHttpProtobufLikeTheOpenTelemetryAgent() {
    assertEquals("http/protobuf", SpanExporters.sanitized(config("otel.service.name", "shop")).get(OTLP + "protocol"));
  }

  @Test
  void invalidOtlpSettingsAreRemovedAndReported() {
    AgentConfig config = config(OTLP + "protocol", "http/json", OTLP + "traces.protocol", "thrift",
        OTLP + "compression", "zstd", OTLP + "endpoint", "not a url", OTLP + "traces.endpoint", "ftp://x",
        OTLP + "timeout", "soon", OTLP + "traces.timeout", "-5", "otel.service.name", "shop");
    Captured<Map<String, String>> result = StdStreams.stderr(() -> SpanExporters.sanitized(config));

    for (String key : Arrays.asList("traces.protocol", "compression", "endpoint", "traces.endpoint",
        "timeout", "traces.timeout")) {
      assertFalse(result.value.containsKey(OTLP + key), key);
    }
    // An invalid protocol falls back to the OpenTelemetry agent's default, not the SDK's (grpc).
    assertEquals("http/protobuf", result.value.get(OTLP + "protocol"));
    assertEquals("shop", result.value.get("otel.service.name"));
    List<String> lines = result.lines();
    assertEquals(7, lines.size(), result.text);
    assertTrue(lines.contains("[sidecar] WARN invalid value for otel.exporter.otlp.protocol: 'http/json' "
        + "(expected one of [grpc, http/protobuf]); using the default, http/protobuf"), result.text);
    assertTrue(lines.contains("[sidecar] WARN invalid value for otel.exporter.otlp.compression: 'zstd' "
        + "(expected one of [gzip, none]); using the default, none"), result.text);
    assertTrue(lines.contains("[sidecar] WARN invalid value for otel.exporter.otlp.endpoint: 'not a url' "
        + "(expected an http:// or https:// URL); using the default endpoint"), result.text);
    assertTrue(lines.contains("[sidecar] WARN invalid value for otel.exporter.otlp.traces.endpoint: 'ftp://x' "
        + "(expected an http:// or https:// URL); using the default endpoint"), result.text);
    assertTrue(lines.contains("[sidecar] WARN invalid value for otel.exporter.otlp.traces.timeout: '-5' "
        + "(expected a duration such as 10s); using the default, 10s"), result.text);
    assertTrue(result.text.contains("'thrift'") && result.text.contains("'soon'"), result.text);
    assertTrue(config.asMap().containsKey(OTLP + "protocol"), "sanitized() must not change the config itself");
  }

  @Test
  void endpointWithUnderscoreHostIsKept() {
    AgentConfig config = config(OTLP + "endpoint", "http://otel_collector:4318");
    Captured<Map<String, String>> result = StdStreams.stderr(() -> SpanExporters.sanitized(config));
    assertEquals("", result.text);
    assertEquals("http://otel_collector:4318", result.value.get(OTLP + "endpoint"));
  }

  @Test
  void protocolWithSurroundingSpacesStillGivesAnExporter() {
    Captured<SpanExporter> result = StdStreams.stderr(() -> SpanExporters.create(config(OTLP + "protocol", "grpc ")));
    assertNotNull(result.value, result.text);
    result.value.shutdown();
  }

  @Test
  void noneCreatesNoExporter() {
    Captured<SpanExporter> result = StdStreams.stderr(() -> SpanExporters.create(config("otel.traces.exporter", "none")));
    assertNull(result.value);
    assertEquals("", result.text);
  }

  @Test
  void consolePrintsOneLinePerSpan() {
    SpanData first = span("GET /a");
    SpanData second = span("GET /b");
    Captured<SpanExporter> result = StdStreams.stdout(() -> {
      SpanExporter exporter = SpanExporters.create(config("otel.traces.exporter", "console"));
      assertTrue(exporter.export(Arrays.asList(first, second)).isSuccess());
      return exporter;
    });
    assertNotNull(result.value);
    List<String> lines = result.lines();
    assertEquals(2, lines.size(), result.text);
    assertTrue(lines.get(0).contains("'GET /a'") && lines.get(0).contains("trace=" + first.getTraceId()), lines.get(0));
    assertTrue(lines.get(1).contains("'GET /b'") && lines.get(1).contains("trace=" + second.getTraceId()), lines.get(1));
  }

  @Test
  void loggingAliasWithDebugPrintsEachSpanOnce() {
    SpanData only = span("GET /once");
    AgentLog.enableDebug(true);
    Captured<Boolean> result = StdStreams.stdout(() ->
        SpanExporters.create(config("otel.traces.exporter", "logging")).export(Collections.singletonList(only)).isSuccess());
    assertEquals(1, result.lines().size(), result.text);
  }

  @Test
  void unknownExporterIsReportedAndTheDefaultUsedWhenNoneIsKnown() {
    Captured<SpanExporter> result = StdStreams.stderr(() -> SpanExporters.create(config("otel.traces.exporter", "foo")));
    assertNotNull(result.value);
    assertEquals(Collections.singletonList("[sidecar] WARN unknown value in otel.traces.exporter: 'foo'"
        + " (known: otlp, console, none); using the default, otlp"), result.lines());
    result.value.shutdown();

    Captured<SpanExporter> mixed = StdStreams.stderr(() -> SpanExporters.create(config("otel.traces.exporter", "foo,console")));
    assertNotNull(mixed.value);
    assertTrue(mixed.text.contains("'foo'"));
  }

  @Test
  void malformedHeadersAreReportedWithoutTheirValue() {
    Captured<SpanExporter> result = StdStreams.stderr(() ->
        SpanExporters.create(config("otel.traces.exporter", "otlp", OTLP + "headers", "Bearer-s3cr3t-token")));
    assertNotNull(result.value);
    assertEquals(1, result.lines().size(), result.text);
    assertTrue(result.text.contains("invalid value for otel.exporter.otlp.headers"), result.text);
    assertFalse(result.text.contains("s3cr3t"), result.text);
    result.value.shutdown();
  }

  @Test
  void errorMessagesHaveHeaderValuesMasked() {
    AgentConfig given = config(OTLP + "headers", "api-key=s3cr3t,x=token42");
    assertEquals("bad: **** and ****",
        Secrets.scrub("bad: api-key=s3cr3t,x=token42 and s3cr3t", given));
  }

  @Test
  void otlpExporterIsCreatedWithHeaders() {
    Captured<SpanExporter> result = StdStreams.stderr(() ->
        SpanExporters.create(config("otel.traces.exporter", "otlp", OTLP + "headers", "api-key=secret123")));
    assertNotNull(result.value);
    assertEquals("", result.text);
    result.value.shutdown();
  }

  @Test
  void describeNeverShowsHeaderValues() {
    assertEquals("otlp http/protobuf http://localhost:4318",
        SpanExporters.describe(config(OTLP + "headers", "api-key=secret123")));
    String grpc = SpanExporters.describe(config(OTLP + "headers", "api-key=secret123", OTLP + "protocol", "grpc",
        OTLP + "traces.headers", "authorization=secret123"));
    assertEquals("otlp grpc http://localhost:4317", grpc);
    assertFalse(grpc.contains("secret123"));
    assertEquals("otlp http/protobuf https://c:4318/v1/traces", SpanExporters.describe(config(
        OTLP + "endpoint", "http://ignored:4318", OTLP + "traces.endpoint", "https://c:4318/v1/traces")));
    assertEquals("console,none", SpanExporters.describe(config("otel.traces.exporter", "console,none")));
  }

  @Test
  void describeShowsWhatIsActuallyUsed() {
    Captured<String> result = StdStreams.stderr(() -> SpanExporters.describe(config(OTLP + "endpoint", "ftp://x")));
    assertEquals("otlp http/protobuf http://localhost:4318", result.value);
  }
}
