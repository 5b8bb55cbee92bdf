package dev.sidecar.bootstrap.http;

import java.util.List;
import java.util.Map;

/**
 * The request headers a server span reads, found in one pass over a map from header names, in any
 * case, to their values: the JDK {@code HttpServer}'s {@code Headers}, whose every lookup by name
 * first makes a normalized copy of the name. Each value is the header's first, as
 * {@code Headers.getFirst} gives it, or null.
 */
public final class ServerRequestHeaders {
  private final String traceparent;
  private final String tracestate;
  private final String baggage;
  private final String host;
  private final String userAgent;
  private final String forwarded;
  private final String forwardedFor;
  private final String forwardedProto;
  private final String forwardedHost;

  private ServerRequestHeaders(String traceparent, String tracestate, String baggage, String host,
      String userAgent, String forwarded, String forwardedFor, String forwardedProto, String forwardedHost) {
    this.traceparent = traceparent;
    this.tracestate = tracestate;
    this.baggage = baggage;
    this.host = host;
    this.userAgent = userAgent;
    this.forwarded = forwarded;
    this.forwardedFor = forwardedFor;
    this.forwardedProto = forwardedProto;
    this.forwardedHost = forwardedHost;
  }

  public static ServerRequestHeaders scan(Map<String, List<String>> headers) {
    String traceparent = null;
    String tracestate = null;
    String baggage = null;
    String host = null;
    String userAgent = null;
    String forwarded = null;
    String forwardedFor = null;
    String forwardedProto = null;
    String forwardedHost = null;
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      String name = header.getKey();
      if (name == null) {
        continue;
      }
      // The length rules out all names but one or two before any character is compared.
      switch (name.length()) {
        case 4:
          if (name.equalsIgnoreCase("Host")) {
            host = first(header.getValue());
          }
          break;
        case 7:
          if (name.equalsIgnoreCase("baggage")) {
            baggage = first(header.getValue());
          }
          break;
        case 9:
          if (name.equalsIgnoreCase("Forwarded")) {
            forwarded = first(header.getValue());
          }
          break;
        case 10:
          if (name.equalsIgnoreCase("User-Agent")) {
            userAgent = first(header.getValue());
          } else if (name.equalsIgnoreCase("tracestate")) {
            tracestate = first(header.getValue());
          }
          break;
        case 11:
          if (name.equalsIgnoreCase("traceparent")) {
            traceparent = first(header.getValue());
          }
          break;
        case 15:
          if (name.equalsIgnoreCase("X-Forwarded-For")) {
            forwardedFor = first(header.getValue());
          }
          break;
        case 16:
          if (name.equalsIgnoreCase("X-Forwarded-Host")) {
            forwardedHost = first(header.getValue());
          }
          break;
        case 17:
          if (name.equalsIgnoreCase("X-Forwarded-Proto")) {
            forwardedProto = first(header.getValue());
          }
          break;
        default:
          break;
      }
    }
    return new ServerRequestHeaders(traceparent, tracestate, baggage, host, userAgent, forwarded, forwardedFor,
        forwardedProto, forwardedHost);
  }

  private static String first(List<String> values) {
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  public String traceparent() {
    return traceparent;
  }

  public String tracestate() {
    return tracestate;
  }

  public String baggage() {
    return baggage;
  }

  public String host() {
    return host;
  }

  public String userAgent() {
    return userAgent;
  }

  public String forwarded() {
    return forwarded;
  }

  public String forwardedFor() {
    return forwardedFor;
  }

  public String forwardedProto() {
    return forwardedProto;
  }

  public String forwardedHost() {
    return forwardedHost;
  }
}
