package dev.sidecar.agent.export.otlp;

import java.nio.charset.StandardCharsets;

/**
 * The encoded key field ({@code KeyValue.key}: tag, length, UTF-8) of each attribute key seen, so
 * a key is measured and encoded once instead of once per record: keys are a few constant strings
 * that repeat in every record, and they are most of an attribute's characters. Bounded: past
 * {@link #MAX_KEYS} distinct keys, further ones are encoded each time. One per writer.
 */
final class KeyFields {
  static final int MAX_KEYS = 256;
  private static final int SLOTS = MAX_KEYS * 2;
  private static final byte KEY_TAG = (1 << 3) | 2;
  private static final byte[] NO_FIELD = new byte[0];

  private final String[] keys = new String[SLOTS];
  private final byte[][] fields = new byte[SLOTS][];
  private int size;

  /** The key field for {@code key}; empty for the empty key, which proto3 leaves out. */
  byte[] field(String key) {
    int slot = spread(key.hashCode()) & (SLOTS - 1);
    String kept;
    // Open addressing with linear probing; the table is never more than half full.
    while ((kept = keys[slot]) != null) {
      if (kept == key || kept.equals(key)) {
        return fields[slot];
      }
      slot = (slot + 1) & (SLOTS - 1);
    }
    byte[] field = encode(key);
    if (size < MAX_KEYS) {
      keys[slot] = key;
      fields[slot] = field;
      size++;
    }
    return field;
  }

  /** Keys differing in their last characters differ in their hash's low bits only: fold the high bits in. */
  private static int spread(int hash) {
    return hash ^ (hash >>> 16);
  }

  private static byte[] encode(String key) {
    if (key.isEmpty()) {
      return NO_FIELD;
    }
    byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
    int lengthSize = ProtoWriter.varintSize(utf8.length);
    byte[] field = new byte[1 + lengthSize + utf8.length];
    field[0] = KEY_TAG;
    int length = utf8.length;
    int at = 1;
    while ((length & ~0x7F) != 0) {
      field[at++] = (byte) ((length & 0x7F) | 0x80);
      length >>>= 7;
    }
    field[at++] = (byte) length;
    System.arraycopy(utf8, 0, field, at, utf8.length);
    return field;
  }
}
