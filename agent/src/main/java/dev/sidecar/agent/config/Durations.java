package dev.sidecar.agent.config;

import java.time.Duration;
import java.util.Locale;

/**
 * OpenTelemetry's duration syntax: {@code 500}, {@code 500ms}, {@code 5s}, {@code 1m}, {@code 2h},
 * {@code 1d}, also {@code us} and {@code ns}.
 */
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
    try {
      return of(amount, text.substring(unitStart).trim());
    } catch (ArithmeticException tooLong) {
      return null;
    }
  }

  private static Duration of(long amount, String unit) {
    switch (unit) {
      case "ns":
        return Duration.ofNanos(amount);
      case "us":
        return Duration.ofNanos(Math.multiplyExact(amount, 1000L));
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
