package dev.sidecar.agent.export;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An attributes builder that keeps the first {@code count} distinct keys and cuts string values to
 * the length limit, as the OpenTelemetry SDK does; it counts every attribute offered, so the
 * exported record says how many were dropped. One per record, on the export thread.
 */
final class LimitedAttributes {
  private final AttributeLimits limits;
  private AttributeKey<?>[] keys = new AttributeKey<?>[16];
  private Object[] values = new Object[16];
  private int size;
  private int offered;

  LimitedAttributes(AttributeLimits limits) {
    this.limits = limits;
  }

  LimitedAttributes put(AttributeKey<String> key, String value) {
    if (value != null) {
      store(key, limits.cut(value));
    }
    return this;
  }

  LimitedAttributes putStrings(AttributeKey<List<String>> key, List<String> items) {
    if (items != null) {
      List<String> cut = new ArrayList<>(items.size());
      items.forEach(item -> cut.add(limits.cut(item)));
      store(key, cut);
    }
    return this;
  }

  <T> LimitedAttributes putOther(AttributeKey<T> key, T value) {
    if (value != null) {
      store(key, value);
    }
    return this;
  }

  /** The attributes kept; called once, last: they share this builder's arrays. */
  Attributes build() {
    return size == 0 ? Attributes.empty() : new RecordedAttributes(keys, values, size);
  }

  /** Every attribute offered, kept or not: OTLP's dropped count is this less those kept. */
  int offered() {
    return offered;
  }

  /** Keeps the pair unless the count limit is reached; a later value for a kept key replaces it, as in the SDK. */
  private void store(AttributeKey<?> key, Object value) {
    String name = key.getKey();
    if (name == null || name.isEmpty()) {
      return; // the SDK drops these too
    }
    for (int i = 0; i < size; i++) {
      if (keys[i].getKey().equals(name)) {
        keys[i] = key;
        values[i] = value;
        return;
      }
    }
    offered++;
    if (size >= limits.count()) {
      return;
    }
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    keys[size] = key;
    values[size] = value;
    size++;
  }
}
