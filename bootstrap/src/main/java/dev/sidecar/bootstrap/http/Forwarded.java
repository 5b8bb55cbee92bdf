package dev.sidecar.bootstrap.http;

/**
 * Reads the proxy headers a server span honours, as OpenTelemetry's HTTP server instrumentation
 * does: {@code Forwarded} (RFC 7239) first, then {@code X-Forwarded-For}, {@code -Proto} and
 * {@code -Host}. Only the first (client-most) element counts.
 */
final class Forwarded {
  private Forwarded() {}

  /** The value of {@code name} in the first element of a {@code Forwarded} header, unquoted; or null. */
  static String parameter(String header, String name) {
    if (header == null) {
      return null;
    }
    int end = header.indexOf(',');
    String first = end < 0 ? header : header.substring(0, end);
    for (String pair : first.split(";")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).trim().equalsIgnoreCase(name)) {
        String value = pair.substring(eq + 1).trim();
        if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
          value = value.substring(1, value.length() - 1);
        }
        return value.isEmpty() ? null : value;
      }
    }
    return null;
  }

  /** The first entry of a comma-separated list such as {@code X-Forwarded-For}; or null. */
  static String first(String header) {
    if (header == null) {
      return null;
    }
    int comma = header.indexOf(',');
    String value = (comma < 0 ? header : header.substring(0, comma)).trim();
    return value.isEmpty() ? null : value;
  }

  /** A client address from {@code for=}: {@code [2001:db8::1]:4711} → {@code 2001:db8::1}, {@code 1.2.3.4:80} → {@code 1.2.3.4}. */
  static String address(String node) {
    if (node == null) {
      return null;
    }
    if (node.startsWith("[")) {
      int close = node.indexOf(']');
      return close > 1 ? node.substring(1, close) : null;
    }
    int colon = node.indexOf(':');
    // More than one colon is a bare IPv6 address, not host:port.
    return colon > 0 && node.indexOf(':', colon + 1) < 0 ? node.substring(0, colon) : node;
  }
}
