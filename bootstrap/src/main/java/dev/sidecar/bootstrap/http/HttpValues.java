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

  // The Host header value a server span recorded last, parsed. A read that races a write finds one
  // or the other, complete either way: its fields are final.
  private static ServerHost lastHost = new ServerHost(null, null, null);
  // Clients' ports, boxed, one per slot chosen by the port's low bits: a keep-alive connection sends
  // request after request from one port, and a few connections at a time rarely share a slot.
  // Races as lastHost does, harmlessly.
  private static final Integer[] PEER_PORTS = new Integer[256];

  private HttpValues() {}

  /**
   * A response status, boxed once for the life of the JVM: recording it allocates nothing, and the
   * sidecar reads a value that stays in cache instead of a new one per request.
   */
  static Integer statusCode(int status) {
    return status >= 100 && status < STATUS_CODES.length ? STATUS_CODES[status] : Integer.valueOf(status);
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

  /**
   * Records {@code server.address} and {@code server.port} from a {@code Host} header value. A
   * server is asked for the same host request after request: the last value's parse is kept, so
   * a repeat costs a comparison instead of a substring, and the export thread reads the same
   * strings each time instead of new ones.
   */
  static void recordHost(SpanRecord span, String host) {
    if (host == null || host.isEmpty()) {
      return;
    }
    ServerHost parsed = lastHost;
    if (!host.equals(parsed.header)) {
      parsed = ServerHost.parse(host);
      if (parsed == null) {
        return;
      }
      lastHost = parsed;
    }
    span.attribute(SERVER_ADDRESS, parsed.address);
    if (parsed.port != null) {
      span.attribute(SERVER_PORT, parsed.port);
    }
  }

  /** A {@code Host} header value and what it says; immutable, so request threads share the last one. */
  private static final class ServerHost {
    final String header;
    final String address;
    final Integer port;

    ServerHost(String header, String address, Integer port) {
      this.header = header;
      this.address = address;
      this.port = port;
    }

    /** Null when the value names no address. */
    static ServerHost parse(String host) {
      int portStart;
      String address;
      if (host.charAt(0) == '[') {
        int close = host.indexOf(']');
        if (close < 0) {
          return null;
        }
        address = host.substring(1, close);
        portStart = close + 1 < host.length() && host.charAt(close + 1) == ':' ? close + 2 : -1;
      } else {
        int colon = host.indexOf(':');
        address = colon < 0 ? host : host.substring(0, colon);
        portStart = colon < 0 ? -1 : colon + 1;
      }
      if (address.isEmpty()) {
        return null;
      }
      int port = portStart > 0 ? parsePort(host, portStart) : -1;
      return new ServerHost(host, address, port > 0 ? Integer.valueOf(port) : null);
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
