package dev.sidecar.bootstrap.logs;

/** Each framework's levels as OpenTelemetry's severity numbers, as the OpenTelemetry agent maps them. */
public final class Severity {
  public static final int TRACE = 1;
  public static final int DEBUG = 5;
  public static final int INFO = 9;
  public static final int WARN = 13;
  public static final int ERROR = 17;
  public static final int FATAL = 21;

  private Severity() {}

  /**
   * {@code java.util.logging.Level.intValue()}: a level maps to the band of the next standard level
   * at or above it (FINEST 300, FINER 400, FINE 500, CONFIG 700, INFO 800, WARNING 900, SEVERE 1000).
   */
  public static int ofJulLevel(int level) {
    if (level <= 300) {
      return TRACE;
    }
    if (level <= 400) {
      return DEBUG;
    }
    if (level <= 500) {
      return DEBUG + 1;
    }
    if (level <= 700) {
      return DEBUG + 2;
    }
    if (level <= 800) {
      return INFO;
    }
    if (level <= 900) {
      return WARN;
    }
    return level <= 1000 ? ERROR : FATAL;
  }

  /** Logback's and Log4j's level names. */
  public static int ofName(String level) {
    switch (level) {
      case "FATAL":
        return FATAL;
      case "ERROR":
        return ERROR;
      case "WARN":
        return WARN;
      case "INFO":
        return INFO;
      case "DEBUG":
        return DEBUG;
      case "TRACE":
        return TRACE;
      default:
        return 0;
    }
  }

  /** The name of a severity setting ({@code INFO}, {@code warn}, ...) as a number, or -1 if unknown. */
  public static int parse(String name) {
    int number = ofName(name.trim().toUpperCase(java.util.Locale.ROOT));
    return number == 0 ? -1 : number;
  }
}
