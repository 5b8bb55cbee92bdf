package dev.sidecar.agent.export.otlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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

  @Test
  void aValueWrittenBeforeUnderTheSameKeyAndFieldIsGivenBack() {
    int slot = keys.slot("http.request.method");
    byte[] written = {10, 20, 30, 40, 50};
    keys.remember(slot, 9, "GET", written, 1, 4);
    assertArrayEquals(new byte[] {20, 30, 40}, keys.repeated(slot, 9, new String("GET".toCharArray())));
    assertNull(keys.repeated(slot, 6, "GET"), "another field");
    assertNull(keys.repeated(slot, 9, "POST"), "another value");
    assertNull(keys.repeated(keys.slot("url.scheme"), 9, "GET"), "another key");
  }

  @Test
  void aKeyWhoseValuesKeepChangingIsKeptOnlyNowAndThen() {
    int slot = keys.slot("url.path");
    byte[] written = {1, 2, 3};
    for (int i = 0; i < 200; i++) {
      assertNull(keys.repeated(slot, 9, "/item/" + i));
      keys.remember(slot, 9, "/item/" + i, written, 0, 3);
    }
    // Kept at the first four misses, then at one in 64: the 64th, 128th and 192nd.
    assertNull(keys.repeated(slot, 9, "/item/199"));
    assertArrayEquals(written, keys.repeated(slot, 9, "/item/191"));
    // A hit starts it over: the next new value is kept again.
    keys.remember(slot, 9, "/item/200", written, 0, 2);
    assertArrayEquals(new byte[] {1, 2}, keys.repeated(slot, 9, "/item/200"));
  }

  @Test
  void aLongFieldIsNotKept() {
    int slot = keys.slot("user_agent.original");
    keys.remember(slot, 9, "x", new byte[KeyFields.MAX_KEPT_FIELD + 1], 0, KeyFields.MAX_KEPT_FIELD + 1);
    assertNull(keys.repeated(slot, 9, "x"));
  }

  /** The bytes the official protobuf classes write for a {@code KeyValue} with only this key. */
  private static byte[] officialKeyField(String key) {
    return KeyValue.newBuilder().setKey(key).build().toByteArray();
  }
}
