package dev.sidecar.agent.export;

import java.io.PrintWriter;
import java.io.StringWriter;

/** The {@code exception.*} attributes of a failed span's event or of a log record with a throwable. */
public final class ExceptionAttributes {
  private ExceptionAttributes() {}

  /** Type, stack trace and, when there is one, message: the stack trace is formatted here. */
  public static void collect(Throwable error, AttributeSink into) {
    StringWriter trace = new StringWriter();
    error.printStackTrace(new PrintWriter(trace));
    into.put("exception.type", error.getClass().getName()).put("exception.stacktrace", trace.toString());
    if (error.getMessage() != null) {
      into.put("exception.message", error.getMessage());
    }
  }
}
