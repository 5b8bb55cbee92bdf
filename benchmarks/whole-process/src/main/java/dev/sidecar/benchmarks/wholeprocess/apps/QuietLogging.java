package dev.sidecar.benchmarks.wholeprocess.apps;

import java.util.logging.LogManager;

/**
 * Removes every {@code java.util.logging} handler, so that a log call costs what an agent adds to
 * it (capture and export) and no console I/O. The root level stays INFO, so INFO records are still
 * logged, and so still captured.
 */
final class QuietLogging {
  private QuietLogging() {}

  static void install() {
    LogManager.getLogManager().reset();
  }

  /**
   * Whether each request logs its INFO record: yes, unless the driver's {@code --no-logs} started the
   * app with {@code -Dhello.logs=false}.
   */
  static boolean perRequest() {
    return !"false".equals(System.getProperty("hello.logs"));
  }
}
