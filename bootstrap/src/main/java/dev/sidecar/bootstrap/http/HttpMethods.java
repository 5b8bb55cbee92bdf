package dev.sidecar.bootstrap.http;

import static dev.sidecar.bootstrap.http.HttpAttributes.REQUEST_METHOD;
import static dev.sidecar.bootstrap.http.HttpAttributes.REQUEST_METHOD_ORIGINAL;

import dev.sidecar.bootstrap.SpanRecord;

/** The semantic conventions' rules for the request method: known methods, {@code _OTHER}, span names. */
final class HttpMethods {
  /** What {@code http.request.method} records for a method outside the standard set. */
  static final String OTHER = "_OTHER";

  private HttpMethods() {}

  /**
   * The method as this class's own constant when it is a known one, else null. Servers parse a new
   * string from every request line; the constant is what the span keeps, so the export thread
   * reads one string that stays in its cache instead of a new one per request.
   */
  static String known(String method) {
    if (method == null) {
      return null;
    }
    switch (method) {
      case "GET":
        return "GET";
      case "HEAD":
        return "HEAD";
      case "POST":
        return "POST";
      case "PUT":
        return "PUT";
      case "DELETE":
        return "DELETE";
      case "CONNECT":
        return "CONNECT";
      case "OPTIONS":
        return "OPTIONS";
      case "TRACE":
        return "TRACE";
      case "PATCH":
        return "PATCH";
      default:
        return null;
    }
  }

  /** The span name when no route is known: the method, or {@code HTTP} for an unknown one. */
  static String spanName(String method) {
    String known = known(method);
    return known != null ? known : "HTTP";
  }

  static void record(SpanRecord span, String method) {
    String known = known(method);
    if (known != null) {
      span.attribute(REQUEST_METHOD, known);
    } else {
      span.attribute(REQUEST_METHOD, OTHER);
      span.attribute(REQUEST_METHOD_ORIGINAL, method);
    }
  }
}
