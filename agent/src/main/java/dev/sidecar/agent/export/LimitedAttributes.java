package dev.sidecar.agent.export;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import java.util.Arrays;

/**
 * A record's attributes as the export thread collects them: keeps the first {@code count}
 * distinct keys in the order recorded and cuts string values to the length limit, as the
 * OpenTelemetry SDK does, and counts every attribute offered, so the exported record says how many
 * were dropped. Values are strings, numbers (a {@code Double} or {@code Float} is a double, any
 * other number an integer), booleans or string arrays. Reused record after record by one thread.
 */
public final class LimitedAttributes implements AttributeSink {
  private final AttributeLimits limits;
  private String[] names = new String[16];
  private Object[] values = new Object[16];
  private int size;
  private int offered;
  /** A bit per kept key, chosen by its hash: a key whose bit is clear is surely not kept yet. */
  private long keptHashBits;

  public LimitedAttributes(AttributeLimits limits) {
    this.limits = limits;
  }

  @Override
  public LimitedAttributes put(String name, String value) {
    if (value != null) {
      store(name, limits.cut(value));
    }
    return this;
  }

  @Override
  public LimitedAttributes put(String name, Number value) {
    if (value != null) {
      store(name, value);
    }
    return this;
  }

  @Override
  public LimitedAttributes put(String name, long value) {
    store(name, value);
    return this;
  }

  @Override
  public LimitedAttributes put(String name, Boolean value) {
    if (value != null) {
      store(name, value);
    }
    return this;
  }

  @Override
  public LimitedAttributes put(String name, String[] items) {
    if (items != null) {
      store(name, limits.cut(items));
    }
    return this;
  }

  /**
   * Forgets every attribute, ready for the next record. The arrays keep their references until
   * overwritten: a collector lives for one batch at most, and emptying them cost a fill per record.
   */
  public void clear() {
    size = 0;
    offered = 0;
    keptHashBits = 0;
  }

  public int size() {
    return size;
  }

  public String name(int index) {
    return names[index];
  }

  public Object value(int index) {
    return values[index];
  }

  /** Every attribute offered, kept or not: OTLP's dropped count is this less those kept. */
  public int offered() {
    return offered;
  }

  /** The attributes kept, as SDK attributes in the order recorded. */
  Attributes build() {
    if (size == 0) {
      return Attributes.empty();
    }
    AttributeKey<?>[] keys = new AttributeKey<?>[size];
    Object[] typed = new Object[size];
    for (int i = 0; i < size; i++) {
      Object value = values[i];
      if (value instanceof String) {
        keys[i] = AttributeKey.stringKey(names[i]);
        typed[i] = value;
      } else if (value instanceof Double || value instanceof Float) {
        keys[i] = AttributeKey.doubleKey(names[i]);
        typed[i] = ((Number) value).doubleValue();
      } else if (value instanceof Number) {
        keys[i] = AttributeKey.longKey(names[i]);
        typed[i] = ((Number) value).longValue();
      } else if (value instanceof Boolean) {
        keys[i] = AttributeKey.booleanKey(names[i]);
        typed[i] = value;
      } else {
        keys[i] = AttributeKey.stringArrayKey(names[i]);
        typed[i] = Arrays.asList((String[]) value);
      }
    }
    return new RecordedAttributes(keys, typed, size);
  }

  /** Keeps the pair unless the count limit is reached; a later value for a kept key replaces it, as in the SDK. */
  private void store(String name, Object value) {
    if (name == null || name.isEmpty()) {
      return; // the SDK drops these too
    }
    // Keys are mostly distinct: most are ruled out as kept by one bit, without a scan; the rest
    // compare identity, then the cached hash, before the characters.
    int hash = name.hashCode();
    long bit = 1L << (hash ^ (hash >>> 16));
    if ((keptHashBits & bit) != 0) {
      for (int i = 0; i < size; i++) {
        String kept = names[i];
        if (kept == name || (kept.hashCode() == hash && kept.equals(name))) {
          values[i] = value;
          return;
        }
      }
    }
    offered++;
    if (size >= limits.count()) {
      return;
    }
    if (size == names.length) {
      names = Arrays.copyOf(names, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    names[size] = name;
    values[size] = value;
    size++;
    keptHashBits |= bit;
  }
}
