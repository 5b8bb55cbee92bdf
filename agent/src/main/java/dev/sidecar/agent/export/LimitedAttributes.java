package dev.sidecar.agent.export;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * An attributes builder that keeps the first {@code count} distinct keys and cuts string values to
 * the length limit, as the OpenTelemetry SDK does; it counts every attribute offered, so the
 * exported record says how many were dropped. One per record, on the export thread.
 */
final class LimitedAttributes {
  private final AttributeLimits limits;
  private final AttributesBuilder builder = Attributes.builder();
  private final List<String> keys = new ArrayList<>();
  private int offered;

  LimitedAttributes(AttributeLimits limits) {
    this.limits = limits;
  }

  LimitedAttributes put(AttributeKey<String> key, String value) {
    if (admit(key)) {
      builder.put(key, limits.cut(value));
    }
    return this;
  }

  LimitedAttributes putStrings(AttributeKey<List<String>> key, List<String> values) {
    if (admit(key)) {
      List<String> cut = new ArrayList<>(values.size());
      values.forEach(value -> cut.add(limits.cut(value)));
      builder.put(key, cut);
    }
    return this;
  }

  <T> LimitedAttributes putOther(AttributeKey<T> key, T value) {
    if (admit(key)) {
      builder.put(key, value);
    }
    return this;
  }

  Attributes build() {
    return builder.build();
  }

  /** Every attribute offered, kept or not: OTLP's dropped count is this less those kept. */
  int offered() {
    return offered;
  }

  private boolean admit(AttributeKey<?> key) {
    String name = key.getKey();
    if (keys.contains(name)) {
      return true; // a later value for a key already kept replaces it, as in the SDK
    }
    offered++;
    if (keys.size() >= limits.count()) {
      return false;
    }
    keys.add(name);
    return true;
  }
}
