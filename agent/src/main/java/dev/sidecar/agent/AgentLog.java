package dev.sidecar.agent;

import java.io.PrintStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The agent's own messages: single lines on stderr, never through a logging framework (which the
 * agent instruments, and which it must not capture itself). Repeating warnings are throttled.
 */
public final class AgentLog {
  private static final long THROTTLE_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final ConcurrentHashMap<String, Long> LAST_WARNED = new ConcurrentHashMap<>();
  private static volatile boolean debug;

  private AgentLog() {}

  public static void enableDebug(boolean enabled) {
    debug = enabled;
  }

  public static boolean debugEnabled() {
    return debug;
  }

  public static void info(String message) {
    print(System.err, message);
  }

  public static void warn(String message) {
    print(System.err, "WARN " + message);
  }

  /**
   * Warns at most once a minute per {@code topic}, however many threads call at once; the rest are
   * counted elsewhere, not printed. Returns whether this one was printed.
   */
  public static boolean warnThrottled(String topic, String message) {
    long now = System.nanoTime();
    Long last = LAST_WARNED.putIfAbsent(topic, now);
    if (last != null && (now - last < THROTTLE_NANOS || !LAST_WARNED.replace(topic, last, now))) {
      return false;
    }
    warn(message);
    return true;
  }

  public static void debug(String message) {
    if (debug) {
      print(System.err, "DEBUG " + message);
    }
  }

  private static void print(PrintStream out, String message) {
    out.println("[sidecar] " + message);
  }
}
