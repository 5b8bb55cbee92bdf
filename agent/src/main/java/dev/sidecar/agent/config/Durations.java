package dev.sidecar.agent.config;

import java.time.Duration;
import java.util.Locale;

/** OpenTelemetry's duration syntax: {@code 500}, {@code 500ms}, {@code 5s}, {@code 1m}, {@code 2h}, {@code 1d}. */
public final class Durations {
  private Durations() {}

  /** The parsed duration, or null when {@code value} is not one. */
  public static Duration parse(String value) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    int unitStart = 0;
    while (unitStart < text.length() && Character.isDigit(text.charAt(unitStart))) {
      unitStart++;
    }
    if (unitStart == 0 || unitStart > 18) {
      return null;
    }
    long amount = Long.parseLong(text.substring(0, unitStart));
    switch (text.substring(unitStart).trim()) {
      case "":
      case "ms":
        return Duration.ofMillis(amount);
      case "s":
        return Duration.ofSeconds(amount);
      case "m":
        return Duration.ofMinutes(amount);
      case "h":
        return Duration.ofHours(amount);
      case "d":
        return Duration.ofDays(amount);
      default:
        return null;
    }
  }
}
