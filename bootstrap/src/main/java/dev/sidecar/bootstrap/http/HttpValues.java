package dev.sidecar.bootstrap.http;

import static dev.sidecar.bootstrap.http.HttpAttributes.SERVER_ADDRESS;
import static dev.sidecar.bootstrap.http.HttpAttributes.SERVER_PORT;

import dev.sidecar.bootstrap.SpanRecord;
import dev.sidecar.bootstrap.TraceParent;

/** Small parsers for header values, written to allocate no more than the attribute they yield. */
final class HttpValues {
  // W3C baggage caps a header at 8192 bytes and 180 members, percent-encoded printable ASCII;
  // anything else is not passed on.
  private static final int MAX_BAGGAGE_LENGTH = 8192;
  private static final int MAX_BAGGAGE_MEMBERS = 180;
  private static final Integer[] STATUS_CODES = new Integer[600];

  static {
    for (int status = 100; status < STATUS_CODES.length; status++) {
      STATUS_CODES[status] = status;
    }
  }

  // The last server.port a server span recorded, boxed. A server sees the same port request after
  // request; a read that races a write finds one port or the other, a complete Integer either way.
  private static Integer lastServerPort = 0;
  // Clients' ports, boxed, one per slot chosen by the port's low bits: a keep-alive connection sends
  // request after request from one port, and a few connections at a time rarely share a slot.
  // Races as lastServerPort does, harmlessly.
  private static final Integer[] PEER_PORTS = new Integer[256];

  private HttpValues() {}

  /**
   * A response status, boxed once for the life of the JVM: recording it allocates nothing, and the
   * sidecar reads a value that stays in cache instead of a new one per request.
   */
  static Integer statusCode(int status) {
    return status >= 100 && status < STATUS_CODES.length ? STATUS_CODES[status] : Integer.valueOf(status);
  }

  /** A server span's {@code server.port}, boxed again only when it differs from the last one. */
  static Integer serverPort(int port) {
    Integer last = lastServerPort;
    if (last == port) {
      return last;
    }
    Integer boxed = port;
    lastServerPort = boxed;
    return boxed;
  }

  /** A client's port, boxed again only when its slot last held another port. */
  static Integer peerPort(int port) {
    int slot = port & (PEER_PORTS.length - 1);
    Integer kept = PEER_PORTS[slot];
    if (kept != null && kept == port) {
      return kept;
    }
    Integer boxed = port;
    PEER_PORTS[slot] = boxed;
    return boxed;
  }

  /** {@code HTTP/1.1} → {@code 1.1}, as {@code network.protocol.version} wants. */
  static String protocolVersion(String protocol) {
    if (protocol == null) {
      return null;
    }
    switch (protocol) {
      case "HTTP/1.1":
        return "1.1";
      case "HTTP/1.0":
        return "1.0";
      case "HTTP/2":
      case "HTTP/2.0":
        return "2";
      default:
        return protocol.startsWith("HTTP/") ? protocol.substring(5) : protocol;
    }
  }

  /** Records {@code server.address} and {@code server.port} from a {@code Host} header value. */
  static void recordHost(SpanRecord span, String host) {
    if (host == null || host.isEmpty()) {
      return;
    }
    int portStart;
    String address;
    if (host.charAt(0) == '[') {
      int close = host.indexOf(']');
      if (close < 0) {
        return;
      }
      address = host.substring(1, close);
      portStart = close + 1 < host.length() && host.charAt(close + 1) == ':' ? close + 2 : -1;
    } else {
      int colon = host.indexOf(':');
      address = colon < 0 ? host : host.substring(0, colon);
      portStart = colon < 0 ? -1 : colon + 1;
    }
    if (address.isEmpty()) {
      return;
    }
    span.attribute(SERVER_ADDRESS, address);
    if (portStart > 0) {
      int port = parsePort(host, portStart);
      if (port > 0) {
        span.attribute(SERVER_PORT, serverPort(port));
      }
    }
  }

  static String baggage(String header) {
    return header == null || header.isEmpty() || header.length() > MAX_BAGGAGE_LENGTH
        || TraceParent.countMembers(header, MAX_BAGGAGE_MEMBERS) < 0 ? null : header;
  }

  static int defaultPort(String scheme) {
    if ("http".equals(scheme)) {
      return 80;
    }
    return "https".equals(scheme) ? 443 : -1;
  }

  private static int parsePort(String s, int from) {
    if (from >= s.length() || s.length() - from > 5) {
      return -1;
    }
    int port = 0;
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      port = port * 10 + (c - '0');
    }
    return port <= 65535 ? port : -1;
  }
}
