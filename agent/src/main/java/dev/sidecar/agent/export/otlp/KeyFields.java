package dev.sidecar.agent.export.otlp;

import java.util.Arrays;

/**
 * The encoded key field ({@code KeyValue.key}: tag, length, UTF-8) of each attribute key seen, so
 * a key is measured and encoded once instead of once per record: keys are a few constant strings
 * that repeat in every record, and they are most of an attribute's characters. Bounded: past
 * {@link #MAX_KEYS} distinct keys, further ones are encoded each time. One per writer.
 *
 * <p>With each key it also keeps the string value last written under it and that whole
 * {@code KeyValue} field: most values repeat from one record to the next (the method, the scheme,
 * the server's address, the protocol, a client's address and user agent), and a repeated one is
 * then copied instead of measured and encoded again. A key whose values keep changing, such as
 * {@code url.path}, stops being kept after a few misses and is tried again now and then.
 */
final class KeyFields {
  static final int MAX_KEYS = 256;
  /** A field longer than this is not kept: a large value would stay in memory for as long as the writer. */
  static final int MAX_KEPT_FIELD = 256;
  /** Misses in a row after which a key's new values are kept only once in {@link #RETRY_EVERY}. */
  private static final int MISSES_BEFORE_BACKING_OFF = 4;
  private static final int RETRY_EVERY = 64;
  private static final int SLOTS = MAX_KEYS * 2;
  /** {@code KeyValue.key}'s field number. */
  private static final int KEY = 1;

  private final String[] keys = new String[SLOTS];
  private final byte[][] fields = new byte[SLOTS][];
  private final String[] lastValues = new String[SLOTS];
  private final int[] lastFieldNumbers = new int[SLOTS];
  private final byte[][] lastKeyValues = new byte[SLOTS][];
  private final int[] misses = new int[SLOTS];
  private int size;

  /** The key field for {@code key}; empty for the empty key, which proto3 leaves out. */
  byte[] field(String key) {
    return field(slot(key), key);
  }

  /** The key field of {@code key}, whose slot is {@code slot}. */
  byte[] field(int slot, String key) {
    return slot < 0 ? encode(key) : fields[slot];
  }

  /** The slot of {@code key}, taken for it if new; -1 when the table is full without it. */
  int slot(String key) {
    int slot = spread(key.hashCode()) & (SLOTS - 1);
    String kept;
    // Open addressing with linear probing; the table is never more than half full.
    while ((kept = keys[slot]) != null) {
      if (kept == key || kept.equals(key)) {
        return slot;
      }
      slot = (slot + 1) & (SLOTS - 1);
    }
    if (size >= MAX_KEYS) {
      return -1;
    }
    keys[slot] = key;
    fields[slot] = encode(key);
    size++;
    return slot;
  }

  /**
   * The whole {@code KeyValue} field in repeated field {@code fieldNumber} last written for the key
   * of {@code slot}, if its value was equal to {@code value}; else null.
   */
  byte[] repeated(int slot, int fieldNumber, String value) {
    if (slot < 0) {
      return null;
    }
    String last = lastValues[slot];
    if (last != null && lastFieldNumbers[slot] == fieldNumber && (last == value || last.equals(value))) {
      misses[slot] = 0;
      return lastKeyValues[slot];
    }
    return null;
  }

  /** Keeps {@code buffer[from, to)}, just written for this key and value, unless the key keeps missing. */
  void remember(int slot, int fieldNumber, String value, byte[] buffer, int from, int to) {
    if (slot < 0 || to - from > MAX_KEPT_FIELD) {
      return;
    }
    int missed = ++misses[slot];
    if (missed > MISSES_BEFORE_BACKING_OFF && missed % RETRY_EVERY != 0) {
      return;
    }
    lastValues[slot] = value;
    lastFieldNumbers[slot] = fieldNumber;
    lastKeyValues[slot] = Arrays.copyOfRange(buffer, from, to);
  }

  /** The table's slot is the hash's low bits: fold the high bits in, as {@code HashMap} does. */
  private static int spread(int hash) {
    return hash ^ (hash >>> 16);
  }

  /** The field as the writer writes any string field, the empty key left out. */
  private static byte[] encode(String key) {
    ProtoWriter out = new ProtoWriter(16 + 3 * key.length());
    out.string(KEY, key);
    return out.toExactByteArray();
  }
}
