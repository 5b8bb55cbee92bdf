package dev.sidecar.bootstrap.http;

import static dev.sidecar.bootstrap.http.HttpAttributes.REQUEST_METHOD;
import static dev.sidecar.bootstrap.http.HttpAttributes.REQUEST_METHOD_ORIGINAL;

import dev.sidecar.bootstrap.SpanRecord;

/** The semantic conventions' rules for the request method: known methods, {@code _OTHER}, span names. */
final class HttpMethods {
  private static final String OTHER = "_OTHER";

  private HttpMethods() {}

  static boolean isKnown(String method) {
    if (method == null) {
      return false;
    }
    switch (method) {
      case "GET":
      case "HEAD":
      case "POST":
      case "PUT":
      case "DELETE":
      case "CONNECT":
      case "OPTIONS":
      case "TRACE":
      case "PATCH":
        return true;
      default:
        return false;
    }
  }

  /** The span name when no route is known: the method, or {@code HTTP} for an unknown one. */
  static String spanName(String method) {
    return isKnown(method) ? method : "HTTP";
  }

  static void record(SpanRecord span, String method) {
    if (isKnown(method)) {
      span.attribute(REQUEST_METHOD, method);
    } else {
      span.attribute(REQUEST_METHOD, OTHER);
      span.attribute(REQUEST_METHOD_ORIGINAL, method);
    }
  }
}
