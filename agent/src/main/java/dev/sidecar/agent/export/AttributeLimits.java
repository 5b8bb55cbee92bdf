package dev.sidecar.agent.export;

import dev.sidecar.agent.config.AgentConfig;

/**
 * How many attributes a span or log record keeps and how long a string value may be, under
 * OpenTelemetry's names and defaults: {@code otel.span.attribute.count.limit} and
 * {@code otel.logrecord.attribute.count.limit} (falling back to {@code otel.attribute.count.limit},
 * 128), {@code otel.span.attribute.value.length.limit} and
 * {@code otel.logrecord.attribute.value.length.limit} (falling back to
 * {@code otel.attribute.value.length.limit}, no limit). Applied on the export thread, where the
 * records are converted: the application thread only keeps references to values it already had.
 */
public final class AttributeLimits {
  static final int DEFAULT_COUNT = 128;
  static final AttributeLimits DEFAULT = new AttributeLimits(DEFAULT_COUNT, Integer.MAX_VALUE);

  private final int count;
  private final int valueLength;

  AttributeLimits(int count, int valueLength) {
    this.count = count;
    this.valueLength = valueLength;
  }

  /** The general {@code otel.attribute.*} limits; read once, then refined per signal. */
  public static AttributeLimits general(AgentConfig config) {
    return new AttributeLimits(
        config.getInt("otel.attribute.count.limit", DEFAULT_COUNT, 0, Integer.MAX_VALUE),
        config.getInt("otel.attribute.value.length.limit", Integer.MAX_VALUE, 0, Integer.MAX_VALUE));
  }

  /** {@code otel.span.attribute.*}, falling back to these. */
  public AttributeLimits forSpans(AgentConfig config) {
    return refine(config, "otel.span.");
  }

  /** {@code otel.logrecord.attribute.*}, falling back to these. */
  public AttributeLimits forLogs(AgentConfig config) {
    return refine(config, "otel.logrecord.");
  }

  private AttributeLimits refine(AgentConfig config, String prefix) {
    return new AttributeLimits(
        config.getInt(prefix + "attribute.count.limit", count, 0, Integer.MAX_VALUE),
        config.getInt(prefix + "attribute.value.length.limit", valueLength, 0, Integer.MAX_VALUE));
  }

  public int count() {
    return count;
  }

  public int valueLength() {
    return valueLength;
  }

  /** {@code value} cut to the length limit; the same instance when it is within it. */
  public String cut(String value) {
    return value == null || value.length() <= valueLength ? value : value.substring(0, valueLength);
  }

  /** Each of {@code items} cut to the length limit; the same array when all are within it. */
  public String[] cut(String[] items) {
    String[] cut = items;
    for (int i = 0; i < items.length; i++) {
      String item = cut(items[i]);
      if (item != items[i]) {
        if (cut == items) {
          cut = items.clone();
        }
        cut[i] = item;
      }
    }
    return cut;
  }
}
