package dev.sidecar.agent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.sidecar.agent.config.AgentConfig;
import dev.sidecar.agent.config.TestConfigs;
import dev.sidecar.bootstrap.CurrentSpan;
import dev.sidecar.bootstrap.Handoff;
import dev.sidecar.bootstrap.Sampler;
import dev.sidecar.bootstrap.SpanKind;
import dev.sidecar.bootstrap.SpanRecord;
import dev.sidecar.bootstrap.logs.LogCapture;
import dev.sidecar.bootstrap.logs.LogEvent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AttributeLimitsTest {

  @AfterEach
  void reset() {
    CurrentSpan.set(null);
  }

  @Test
  void openTelemetrysNamesAndDefaults() {
    AttributeLimits none = AttributeLimits.general(TestConfigs.of()).forSpans(TestConfigs.of());
    assertEquals(128, none.count());
    assertEquals(Integer.MAX_VALUE, none.valueLength());

    AgentConfig generalOnly = TestConfigs.of("otel.attribute.count.limit", "5", "otel.attribute.value.length.limit", "10");
    AttributeLimits general = AttributeLimits.general(generalOnly).forLogs(generalOnly);
    assertEquals(5, general.count());
    assertEquals(10, general.valueLength());

    AgentConfig both = TestConfigs.of(
        "otel.attribute.count.limit", "5", "otel.attribute.value.length.limit", "10",
        "otel.span.attribute.count.limit", "7", "otel.span.attribute.value.length.limit", "12",
        "otel.logrecord.attribute.count.limit", "1");
    AttributeLimits specific = AttributeLimits.general(both).forSpans(both);
    assertEquals(7, specific.count());
    assertEquals(12, specific.valueLength());

    AgentConfig invalidCount = TestConfigs.of("otel.logrecord.attribute.count.limit", "-1");
    AttributeLimits invalid = AttributeLimits.general(invalidCount).forLogs(invalidCount);
    assertEquals(128, invalid.count());
  }

  @Test
  void aValueWithinTheLimitIsNotCopied() {
    String value = "abc";
    assertSame(value, new AttributeLimits(1, 3).cut(value));
    assertEquals("ab", new AttributeLimits(1, 2).cut(value));
  }

  @Test
  void spansKeepTheFirstAttributesCutAndCountTheRest() {
    Sampler.install(Sampler.parentBased(1.0));
    Handoff.configure(16, 4);
    SpanRecord record = SpanRecord.startCurrent("test", SpanKind.SERVER, "GET /", null, null, null);
    record.attribute("a.first", "x".repeat(100));
    record.attribute("b.second", 42L);
    record.attribute("c.third", "dropped");
    record.end();
    List<SpanRecord> records = new ArrayList<>();
    Handoff.spans().drainTo(records, 4);

    SpanData span = new SpanConverter(Resource.empty(), "1", new AttributeLimits(2, 10)).convert(records.get(0));
    assertEquals("x".repeat(10), span.getAttributes().get(AttributeKey.stringKey("a.first")));
    assertEquals(42L, span.getAttributes().get(AttributeKey.longKey("b.second")));
    assertEquals(2, span.getAttributes().size());
    // c.third, then the thread's id and name, which come after the record's own.
    assertEquals(5, span.getTotalAttributeCount());
  }

  @Test
  void logRecordsCutContextValuesAndKeepAtMostTheCount() {
    Handoff.configureLogs(16, 4);
    String[] context = new String[2 * 200];
    for (int i = 0; i < 200; i++) {
      context[2 * i] = "key" + i;
      context[2 * i + 1] = "value-" + i + "-" + "v".repeat(50);
    }
    LogCapture.emit(1, 9, "INFO", "body", "shop", null, context);
    List<LogEvent> events = new ArrayList<>();
    Handoff.logs().drainTo(events, 4);

    LogRecordData log = new LogConverter(Resource.empty(), new AttributeLimits(128, 8)).convert(events.get(0));
    assertEquals(128, log.getAttributes().size());
    assertEquals(202, log.getTotalAttributeCount());
    assertEquals("value-0-", log.getAttributes().get(AttributeKey.stringKey("key0")));
  }
}
