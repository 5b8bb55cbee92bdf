package dev.sidecar.testing;

import java.util.List;
import java.util.Map;

/** A fully read HTTP/1.1 request; header names are lower-cased, the body already de-chunked. */
record HttpRequest(
    String method, String target, String version, Map<String, List<String>> headers, byte[] body) {

  String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The target without its query string, which no OTLP route uses. */
  String path() {
    int query = target.indexOf('?');
    return query < 0 ? target : target.substring(0, query);
  }

  /** HTTP/1.1 keeps the connection unless told otherwise; HTTP/1.0 only when asked to. */
  boolean keepAlive() {
    String connection = header("connection");
    if ("HTTP/1.0".equals(version)) {
      return connection != null && connection.equalsIgnoreCase("keep-alive");
    }
    return connection == null || !connection.equalsIgnoreCase("close");
  }
}
