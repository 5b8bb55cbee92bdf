package dev.sidecar.bootstrap.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which MDC (Logback) or context-data (Log4j 2) entries become log record attributes, from
 * {@code otel.instrumentation.logback-appender.experimental.capture-mdc-attributes} and
 * {@code otel.instrumentation.log4j-appender.experimental.capture-mdc-attributes}: none unless
 * configured, {@code *} for all. The trace ids the agent itself puts there are never copied back.
 */
public final class LogContextCapture {
  private static volatile Selection logback = Selection.NONE;
  private static volatile Selection log4j = Selection.NONE;
  private static volatile int maxEntries = 128;

  private LogContextCapture() {}

  public static void configure(List<String> logbackKeys, List<String> log4jKeys) {
    logback = Selection.of(logbackKeys);
    log4j = Selection.of(log4jKeys);
  }

  /** At most this many entries are copied from one event's context, however many it holds. */
  public static void limit(int entries) {
    maxEntries = Math.max(0, entries);
  }

  public static Selection logback() {
    return logback;
  }

  public static Selection log4j() {
    return log4j;
  }

  /** A set of context keys to copy; advice asks {@link #isEmpty()} before it reads the context. */
  public static final class Selection {
    static final Selection NONE = new Selection(false, new String[0]);

    private final boolean all;
    private final String[] keys;

    private Selection(boolean all, String[] keys) {
      this.all = all;
      this.keys = keys;
    }

    static Selection of(List<String> keys) {
      if (keys == null || keys.isEmpty()) {
        return NONE;
      }
      return keys.contains("*") ? new Selection(true, new String[0]) : new Selection(false, keys.toArray(new String[0]));
    }

    public boolean isEmpty() {
      return !all && keys.length == 0;
    }

    /** The selected entries of {@code context} as key, value, key, value...; null when there are none. */
    public String[] select(Map<String, String> context) {
      if (context == null || context.isEmpty() || isEmpty()) {
        return null;
      }
      List<String> pairs = new ArrayList<>();
      int max = 2 * maxEntries;
      if (all) {
        for (Map.Entry<String, String> entry : context.entrySet()) {
          if (pairs.size() >= max) {
            break;
          }
          if (entry.getValue() != null && !LogCorrelation.isTraceKey(entry.getKey())) {
            pairs.add(entry.getKey());
            pairs.add(entry.getValue());
          }
        }
      } else {
        for (String key : keys) {
          if (pairs.size() >= max) {
            break;
          }
          String value = context.get(key);
          if (value != null) {
            pairs.add(key);
            pairs.add(value);
          }
        }
      }
      return pairs.isEmpty() ? null : pairs.toArray(new String[0]);
    }
  }
}
