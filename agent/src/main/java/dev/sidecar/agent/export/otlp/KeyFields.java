package dev.sidecar.agent.export.otlp;

/**
 * The encoded key field ({@code KeyValue.key}: tag, length, UTF-8) of each attribute key seen, so
 * a key is measured and encoded once instead of once per record: keys are a few constant strings
 * that repeat in every record, and they are most of an attribute's characters. Bounded: past
 * {@link #MAX_KEYS} distinct keys, further ones are encoded each time. One per writer.
 */
final class KeyFields {
  static final int MAX_KEYS = 256;
  private static final int SLOTS = MAX_KEYS * 2;
  /** {@code KeyValue.key}'s field number. */
  private static final int KEY = 1;

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
