package dev.sidecar.agent.export.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidecar.agent.config.AgentConfig;
import dev.sidecar.agent.export.AttributeLimits;
import dev.sidecar.agent.export.LimitedAttributes;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AttributeFieldsTest {
  private static final int ATTRIBUTES = 9;

  private final ProtoWriter out = new ProtoWriter(64);
  private final AttributeFields fields = new AttributeFields(limits(Map.of()));

  @Test
  void distinctKeysAreWrittenInTheOrderGiven() throws Exception {
    fields.start(out, ATTRIBUTES);
    fields.put("url.path", "/a").put("http.response.status_code", 200L).put("ok", Boolean.TRUE)
        .put("ratio", (Number) 0.5d).put("items", new String[] {"x", null});

    assertFalse(fields.gaveUp());
    assertEquals(List.of("url.path=/a", "http.response.status_code=200", "ok=true", "ratio=0.5", "items=[x, ]"),
        written());
  }

  @Test
  void nullValuesAndEmptyKeysAreSkipped() throws Exception {
    fields.start(out, ATTRIBUTES);
    fields.put("a", (String) null).put("b", (Number) null).put("c", (Boolean) null).put("d", (String[]) null)
        .put("", "x").put(null, "y").put("a", "kept");

    assertFalse(fields.gaveUp());
    assertEquals(List.of("a=kept"), written());
  }

  @Test
  void givesUpAtARepeatedKeyOfAnyInstance() {
    fields.start(out, ATTRIBUTES);
    fields.put("server.address", "a").put(new String("server.address".toCharArray()), "b");

    assertTrue(fields.gaveUp());
  }

  @Test
  void whatWasWrittenIsReplacedByTheLimitedAttributesAndTheirDroppedCount() throws Exception {
    out.string(5, "before the attributes");
    fields.start(out, ATTRIBUTES);
    fields.put("server.address", "a").put("server.port", 80L).put("server.address", "b");
    assertTrue(fields.gaveUp());
    LimitedAttributes attributes = new LimitedAttributes(limits(Map.of("otel.attribute.count.limit", "1")));
    attributes.put("server.address", "a").put("server.port", 80L).put("server.address", "b");

    fields.writeInstead(attributes, 10);

    Span span = Span.parseFrom(out.toByteArray());
    assertEquals("before the attributes", span.getName());
    assertEquals(List.of("server.address=b"), written());
    assertEquals(1, span.getDroppedAttributesCount());
  }

  @Test
  void givesUpAtTwoKeysOfOneHash() {
    assertEquals("Aa".hashCode(), "BB".hashCode());
    fields.start(out, ATTRIBUTES);
    fields.put("Aa", "x").put("BB", "y");

    assertTrue(fields.gaveUp());
  }

  @Test
  void givesUpAtTheFirstKeyOverTheCountLimit() {
    AttributeFields two = new AttributeFields(limits(Map.of("otel.attribute.count.limit", "2")));
    two.start(out, ATTRIBUTES);
    two.put("a", "1").put("b", 2L);
    assertFalse(two.gaveUp());
    two.put("c", "3");
    assertTrue(two.gaveUp());
  }

  @Test
  void aNewRecordStartsAfresh() throws Exception {
    fields.start(out, ATTRIBUTES);
    fields.put("k", "1").put("k", "2");
    assertTrue(fields.gaveUp());

    fields.start(new ProtoWriter(64), ATTRIBUTES);
    fields.put("k", "3");
    assertFalse(fields.gaveUp());
  }

  @Test
  void manyDistinctKeysAllWritten() throws Exception {
    fields.start(out, ATTRIBUTES);
    for (int i = 0; i < 100; i++) {
      fields.put("custom." + i, (long) i);
    }

    assertFalse(fields.gaveUp());
    assertEquals(100, written().size());
    assertEquals("custom.99=99", written().get(99));
  }

  /** What was written, read back as a span's attributes by the official protobuf classes. */
  private List<String> written() throws Exception {
    return Span.parseFrom(out.toByteArray()).getAttributesList().stream().map(AttributeFieldsTest::text)
        .collect(Collectors.toList());
  }

  private static String text(KeyValue pair) {
    switch (pair.getValue().getValueCase()) {
      case STRING_VALUE:
        return pair.getKey() + "=" + pair.getValue().getStringValue();
      case INT_VALUE:
        return pair.getKey() + "=" + pair.getValue().getIntValue();
      case BOOL_VALUE:
        return pair.getKey() + "=" + pair.getValue().getBoolValue();
      case DOUBLE_VALUE:
        return pair.getKey() + "=" + pair.getValue().getDoubleValue();
      default:
        return pair.getKey() + "=" + pair.getValue().getArrayValue().getValuesList().stream()
            .map(value -> value.getStringValue()).collect(Collectors.toList());
    }
  }

  private static AttributeLimits limits(Map<String, String> properties) {
    return AttributeLimits.general(AgentConfig.fromMap(properties)).forSpans(AgentConfig.fromMap(properties));
  }
}
