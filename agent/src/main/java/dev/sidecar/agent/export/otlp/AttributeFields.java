package dev.sidecar.agent.export.otlp;

import dev.sidecar.agent.export.AttributeLimits;
import dev.sidecar.agent.export.AttributeSink;
import dev.sidecar.agent.export.LimitedAttributes;
import java.util.Arrays;

/**
 * A record's attributes written as {@code KeyValue} fields the moment they are collected, without
 * keeping them first. That gives the bytes {@link LimitedAttributes} would for a record whose keys
 * all differ and stay within the count limit: nearly every record. For any other it gives up at the
 * first repeated key or the first over the limit; the encoder then drops what was written and
 * collects that record again through {@link LimitedAttributes}. An empty key is skipped, as there.
 * One per encoder, reused record after record.
 */
final class AttributeFields implements AttributeSink {
  private final AttributeLimits limits;
  private ProtoWriter out;
  private int field;
  /** Where the record's attributes begin in {@link #out}. */
  private int start;
  private int count;
  /** A bit per written key, chosen by its hash: a key whose bit is clear surely is not written yet. */
  private long hashBits;
  /** The written keys' hashes: ints, so that no reference is stored into this long-lived object. */
  private int[] hashes = new int[32];
  private boolean gaveUp;

  AttributeFields(AttributeLimits limits) {
    this.limits = limits;
  }

  /** Starts a record: its attributes go to {@code out} as repeated field {@code field}. */
  void start(ProtoWriter out, int field) {
    this.out = out;
    this.field = field;
    start = out.size();
    count = 0;
    hashBits = 0;
    gaveUp = false;
  }

  /** Whether the record needs {@link LimitedAttributes}: then {@link #writeInstead} its attributes. */
  boolean gaveUp() {
    return gaveUp;
  }

  /**
   * Drops what was written for the record since {@link #start}, and writes {@code attributes} there
   * instead, the record's attributes collected again under the limits, with the count of those
   * dropped as field {@code droppedField}.
   */
  void writeInstead(LimitedAttributes attributes, int droppedField) {
    out.seek(start);
    OtlpCommon.attributes(out, field, attributes);
    out.uint32(droppedField, attributes.offered() - attributes.size());
  }

  @Override
  public AttributeFields put(String name, String value) {
    if (value != null && admit(name)) {
      out.keyValue(field, name, limits.cut(value));
    }
    return this;
  }

  @Override
  public AttributeFields put(String name, Number value) {
    if (value != null && admit(name)) {
      if (value instanceof Double || value instanceof Float) {
        out.keyValue(field, name, value.doubleValue());
      } else {
        out.keyValue(field, name, value.longValue());
      }
    }
    return this;
  }

  @Override
  public AttributeFields put(String name, long value) {
    if (admit(name)) {
      out.keyValue(field, name, value);
    }
    return this;
  }

  @Override
  public AttributeFields put(String name, Boolean value) {
    if (value != null && admit(name)) {
      out.keyValue(field, name, value.booleanValue());
    }
    return this;
  }

  @Override
  public AttributeFields put(String name, String[] items) {
    if (items != null && admit(name)) {
      OtlpCommon.stringArray(out, field, name, limits.cut(items));
    }
    return this;
  }

  /** Whether {@code name}'s attribute is to be written now; gives up on a key seen before or one too many. */
  private boolean admit(String name) {
    if (gaveUp || name == null || name.isEmpty()) {
      return false;
    }
    if (count >= limits.count()) {
      gaveUp = true;
      return false;
    }
    int hash = name.hashCode();
    long bit = 1L << (hash ^ (hash >>> 16));
    if ((hashBits & bit) != 0) {
      // Likely another key whose hash shares the bit; an equal hash is taken for the same key,
      // which the slower way then tells apart.
      for (int i = 0; i < count; i++) {
        if (hashes[i] == hash) {
          gaveUp = true;
          return false;
        }
      }
    }
    if (count == hashes.length) {
      hashes = Arrays.copyOf(hashes, count * 2);
    }
    hashes[count++] = hash;
    hashBits |= bit;
    return true;
  }
}
