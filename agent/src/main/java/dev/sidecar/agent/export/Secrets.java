package dev.sidecar.agent.export;

import dev.sidecar.agent.config.AgentConfig;
import java.util.Map;

/**
 * Keeps the values of {@code otel.exporter.otlp.headers} (API keys, bearer tokens) out of
 * everything the agent prints: its own warnings and the messages of errors it passes on.
 */
final class Secrets {
  private static final String MASK = "****";

  private Secrets() {}

  /** Whether {@code value} is {@code key=value} pairs separated by commas, as OpenTelemetry reads it. */
  static boolean wellFormedHeaders(String value) {
    for (String pair : value.split(",")) {
      if (pair.trim().isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0 || pair.substring(0, eq).trim().isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** {@code message} with every header value (and every whole headers setting) configured masked. */
  static String scrub(String message, AgentConfig config) {
    if (message == null) {
      return null;
    }
    String scrubbed = message;
    for (Map.Entry<String, String> entry : config.asMap().entrySet()) {
      if (!entry.getKey().startsWith("otel.exporter.otlp.") || !entry.getKey().endsWith("headers")) {
        continue;
      }
      scrubbed = mask(scrubbed, entry.getValue());
      for (String pair : entry.getValue().split(",")) {
        int eq = pair.indexOf('=');
        scrubbed = mask(scrubbed, eq < 0 ? pair : pair.substring(eq + 1));
      }
    }
    return scrubbed;
  }

  private static String mask(String text, String secret) {
    String trimmed = secret.trim();
    return trimmed.length() < 3 ? text : text.replace(trimmed, MASK);
  }
}
