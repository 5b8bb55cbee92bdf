package dev.sidecar.agent.export;

import dev.sidecar.bootstrap.SidecarThread;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps the OpenTelemetry exporter's own failure messages (a line and a stack trace per failed
 * export, through java.util.logging) out of the application's logs: the export loops count every
 * failure and report them in one line a minute instead. Only records logged on the agent's own
 * threads are dropped, so an application that uses the same OpenTelemetry classes itself keeps
 * its messages; a filter the application set on these loggers still applies to the rest.
 */
final class ExporterLogFilter implements Filter {
  /** The exporter classes that log per export; their loggers are named after them. */
  static final List<String> LOGGERS = Arrays.asList(
      "io.opentelemetry.exporter.otlp.internal.HttpExporter",
      "io.opentelemetry.exporter.otlp.internal.GrpcExporter",
      "io.opentelemetry.exporter.otlp.internal.GrpcExporterUtil",
      "io.opentelemetry.exporter.internal.SenderUtil",
      "io.opentelemetry.exporter.sender.okhttp.internal.OkHttpHttpSender",
      "io.opentelemetry.exporter.sender.okhttp.internal.OkHttpGrpcSender",
      "io.opentelemetry.exporter.sender.okhttp.internal.RetryInterceptor",
      "io.opentelemetry.sdk.common.CompletableResultCode");
  // java.util.logging holds loggers weakly: a logger collected would come back without the filter.
  private static final List<Logger> FILTERED = new ArrayList<>();

  private final Filter previous;

  private ExporterLogFilter(Filter previous) {
    this.previous = previous;
  }

  /** Idempotent; called before the exporters are built. */
  static synchronized void install() {
    if (!FILTERED.isEmpty()) {
      return;
    }
    for (String name : LOGGERS) {
      Logger logger = Logger.getLogger(name);
      if (!(logger.getFilter() instanceof ExporterLogFilter)) {
        logger.setFilter(new ExporterLogFilter(logger.getFilter()));
      }
      FILTERED.add(logger);
    }
  }

  @Override
  public boolean isLoggable(LogRecord record) {
    return !SidecarThread.isCurrent() && (previous == null || previous.isLoggable(record));
  }
}
