package dev.sidecar.agent.export.otlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.opentelemetry.proto.common.v1.KeyValue;
import org.junit.jupiter.api.Test;

class KeyFieldsTest {
  private final KeyFields keys = new KeyFields();

  @Test
  void aKeyFieldIsTheTagTheLengthAndTheUtf8Bytes() {
    assertArrayEquals(officialKeyField("http.route"), keys.field("http.route"));
    assertArrayEquals(officialKeyField("größe.世界"), keys.field("größe.世界"));
    String longKey = "k".repeat(200);
    byte[] field = keys.field(longKey);
    assertEquals(1 + 2 + 200, field.length);
    assertArrayEquals(officialKeyField(longKey), field);
  }

  @Test
  void theEmptyKeyHasNoField() {
    assertEquals(0, keys.field("").length);
  }

  @Test
  void aKeyIsEncodedOnceForEveryInstanceOfItsText() {
    byte[] first = keys.field("url.path");
    assertSame(first, keys.field("url.path"));
    assertSame(first, keys.field(new String("url.path".toCharArray())));
  }

  @Test
  void keysPastTheBoundAreEncodedEachTimeAndStillRight() {
    for (int i = 0; i < KeyFields.MAX_KEYS; i++) {
      assertArrayEquals(officialKeyField("custom." + i), keys.field("custom." + i));
    }
    byte[] beyond = keys.field("custom.beyond");
    assertArrayEquals(officialKeyField("custom.beyond"), beyond);
    assertArrayEquals(beyond, keys.field("custom.beyond"));
    assertArrayEquals(officialKeyField("custom.7"), keys.field("custom.7"));
  }

  /** The bytes the official protobuf classes write for a {@code KeyValue} with only this key. */
  private static byte[] officialKeyField(String key) {
    return KeyValue.newBuilder().setKey(key).build().toByteArray();
  }
}
