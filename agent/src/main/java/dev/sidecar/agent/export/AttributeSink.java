package dev.sidecar.agent.export;

/**
 * Where a record's attributes go as the export thread collects them: kept under the limits for
 * the SDK's data ({@link LimitedAttributes}), or written straight into an OTLP request. A null value
 * is skipped.
 */
public interface AttributeSink {
  AttributeSink put(String name, String value);

  /** A {@code Double} or {@code Float} is a double attribute, any other number an integer. */
  AttributeSink put(String name, Number value);

  AttributeSink put(String name, long value);

  AttributeSink put(String name, Boolean value);

  AttributeSink put(String name, String[] items);
}
