package dev.sidecar.agent.export;

import io.opentelemetry.exporter.internal.FailedExportException;

/**
 * One short line saying why an export failed: what the collector answered, or why it could not be
 * reached. Whatever the collector sent is cut and stripped of control characters, so a garbage
 * answer cannot garble the agent's output.
 */
final class ExportFailures {
  private static final int MAX_CHARS = 200;

  private ExportFailures() {}

  static String describe(Throwable failure) {
    String description;
    try {
      description = explain(failure);
    } catch (Throwable t) {
      description = failure.getClass().getName();
    }
    return clean(description);
  }

  private static String explain(Throwable failure) {
    if (failure instanceof FailedExportException.HttpExportException) {
      FailedExportException.HttpExportException http = (FailedExportException.HttpExportException) failure;
      if (http.failedWithResponse() && http.getResponse() != null) {
        return "the collector answered HTTP " + http.getResponse().getStatusCode() + " "
            + http.getResponse().getStatusMessage();
      }
    } else if (failure instanceof FailedExportException.GrpcExportException) {
      FailedExportException.GrpcExportException grpc = (FailedExportException.GrpcExportException) failure;
      if (grpc.failedWithResponse() && grpc.getResponse() != null) {
        String detail = grpc.getResponse().getStatusDescription();
        return "the collector answered gRPC " + grpc.getResponse().getStatusCode()
            + (detail == null || detail.isEmpty() ? "" : " " + detail);
      }
    }
    Throwable cause = failure.getCause();
    return cause != null && cause != failure ? cause.toString() : failure.toString();
  }

  private static String clean(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS + 3));
    for (int i = 0; i < text.length() && out.length() < MAX_CHARS; i++) {
      char c = text.charAt(i);
      out.append(Character.isISOControl(c) ? ' ' : c);
    }
    return text.length() > MAX_CHARS ? out.append("...").toString() : out.toString();
  }
}
