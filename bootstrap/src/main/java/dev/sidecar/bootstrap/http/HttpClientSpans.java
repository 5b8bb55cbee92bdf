package dev.sidecar.bootstrap.http;

import static dev.sidecar.bootstrap.http.HttpAttributes.ERROR_TYPE;
import static dev.sidecar.bootstrap.http.HttpAttributes.NETWORK_PROTOCOL_VERSION;
import static dev.sidecar.bootstrap.http.HttpAttributes.RESPONSE_STATUS_CODE;
import static dev.sidecar.bootstrap.http.HttpAttributes.SERVER_ADDRESS;
import static dev.sidecar.bootstrap.http.HttpAttributes.SERVER_PORT;
import static dev.sidecar.bootstrap.http.HttpAttributes.URL_FULL;

import dev.sidecar.bootstrap.CurrentSpan;
import dev.sidecar.bootstrap.Propagators;
import dev.sidecar.bootstrap.SidecarThread;
import dev.sidecar.bootstrap.SpanKind;
import dev.sidecar.bootstrap.SpanRecord;
import java.net.URI;

/**
 * Client spans under OpenTelemetry's stable HTTP semantic conventions, and the headers that carry
 * their context downstream, for every HTTP client instrumentation.
 */
public final class HttpClientSpans {
  private HttpClientSpans() {}

  /**
   * Starts a client span as a child of the current span (or as a new trace) and makes it current;
   * returns null on the agent's own threads and inside another client span, so a client library
   * that wraps another makes one span, not two.
   */
  public static SpanRecord start(String scope, String method) {
    if (SidecarThread.isCurrent()) {
      return null;
    }
    SpanRecord current = CurrentSpan.get();
    if (current != null && current.kind() == SpanKind.CLIENT) {
      return null;
    }
    SpanRecord span = SpanRecord.startCurrent(scope, SpanKind.CLIENT, HttpMethods.spanName(method),
        current, null, null);
    HttpMethods.record(span, method);
    return span;
  }

  /** Starts a client span for a request to {@code uri}; see {@link #start(String, String)}. */
  public static SpanRecord start(String scope, String method, URI uri) {
    SpanRecord span = start(scope, method);
    if (span != null) {
      request(span, uri.toString(), uri.getScheme(), uri.getHost(), uri.getPort());
    }
    return span;
  }

  /** Records the target; {@code port} below 1 means the scheme's default port. */
  public static void request(SpanRecord span, String urlFull, String scheme, String host, int port) {
    if (!span.sampled()) {
      return;
    }
    // url.full is recorded as given; the sidecar redacts credentials before export.
    span.attribute(URL_FULL, urlFull).attribute(SERVER_ADDRESS, host);
    int effectivePort = port > 0 ? port : HttpValues.defaultPort(scheme);
    if (effectivePort > 0) {
      span.attribute(SERVER_PORT, effectivePort);
    }
  }

  /**
   * Opens a logical request on this thread: a library call that may send its request more than
   * once (redirects, retries, authentication challenges). Its advice passes what this returns to
   * {@link #closeResends} on exit; the sends within it start their spans with {@link #startSend}.
   */
  public static int openResends() {
    return Resends.open();
  }

  public static void closeResends(int outer) {
    Resends.close(outer);
  }

  /**
   * Starts the span of one send over the wire, as {@link #start(String, String)} does. A resend
   * within the logical request open on this thread (OpenTelemetry: every send its own span) carries
   * {@code http.request.resend_count}, the number of sends before it.
   */
  public static SpanRecord startSend(String scope, String method) {
    int resendCount = Resends.next();
    SpanRecord span = start(scope, method);
    if (span != null && resendCount > 0) {
      span.attribute(Resends.RESEND_COUNT, resendCount);
    }
    return span;
  }

  /**
   * Records the target of a send to {@code uri}. For libraries that keep the target apart from the
   * request (Apache HttpClient), a {@code uri} without scheme or host is completed from
   * {@code scheme}, {@code host} and {@code port}. Their advice reads the target for a sampled span
   * only.
   */
  public static void target(SpanRecord span, URI uri, String scheme, String host, int port) {
    if (!span.sampled()) {
      return;
    }
    if (uri.getScheme() != null && uri.getHost() != null) {
      request(span, uri.toString(), uri.getScheme(), uri.getHost(), uri.getPort());
    } else if (host != null) {
      request(span, absoluteUrl(scheme, host, port, uri), scheme, host, port);
    } else {
      request(span, uri.toString(), scheme, null, port);
    }
  }

  /**
   * Records the target of a send given in the parts its request keeps (Apache HttpClient 5's:
   * scheme, authority, path with query), put together as the client puts together the text of the
   * request's {@code getUri()}: the scheme, or {@code http}; the host; the port unless it is below 0;
   * the path, after a slash. Without parsing that text into a {@code URI}, which cost a sampled send
   * a few hundred nanoseconds. An IPv6 address goes in brackets, which the client leaves out.
   */
  public static void requestTarget(SpanRecord span, String scheme, String host, int port, String path) {
    if (!span.sampled()) {
      return;
    }
    String effectiveScheme = scheme != null ? scheme : "http";
    request(span, url(effectiveScheme, host, port, path), effectiveScheme, host, port);
  }

  /** {@code network.protocol.version} of an ALPN protocol id, as OkHttp names its protocols ({@code http/1.1}, {@code h2}). */
  public static String protocolVersionOfAlpn(String id) {
    if (id == null) {
      return null;
    }
    switch (id) {
      case "http/1.1":
        return "1.1";
      case "http/1.0":
        return "1.0";
      case "h2":
      case "h2_prior_knowledge":
        return "2";
      case "h3":
        return "3";
      default:
        return null;
    }
  }

  /** {@code network.protocol.version} of a version given as numbers (Apache HttpClient's); null if unknown. */
  public static String protocolVersion(int major, int minor) {
    if (major == 1) {
      return minor == 1 ? "1.1" : minor == 0 ? "1.0" : null;
    }
    return major == 2 ? "2" : major == 3 ? "3" : null;
  }

  /** The client span current on this thread that still needs its headers, or null. */
  public static SpanRecord currentForInjection(String scope) {
    SpanRecord current = CurrentSpan.get();
    return current != null && current.kind() == SpanKind.CLIENT && current.scope().equals(scope)
        ? current : null;
  }

  /** The {@code traceparent} to send, or null when trace-context propagation is off. */
  public static String traceparent(SpanRecord span) {
    return Propagators.traceContext() ? span.traceparent() : null;
  }

  public static String tracestate(SpanRecord span) {
    return Propagators.traceContext() ? span.traceState() : null;
  }

  public static String baggage(SpanRecord span) {
    return Propagators.baggage() ? span.baggage() : null;
  }

  /**
   * Ends the span: {@code status} is the response code, or a value below 100 when there was no
   * response; {@code protocolVersion} is {@code network.protocol.version} ({@code 1.1}, {@code 2}) or
   * null. A client span is an error at 4xx and above, or when the call threw.
   */
  public static void end(SpanRecord span, int status, String protocolVersion, Throwable thrown) {
    span.closeScope();
    if (!span.claimEnd()) {
      return;
    }
    if (status >= 100) {
      span.attribute(RESPONSE_STATUS_CODE, HttpValues.statusCode(status));
    }
    span.attribute(NETWORK_PROTOCOL_VERSION, protocolVersion);
    if (thrown != null) {
      span.fail(thrown);
      span.attribute(ERROR_TYPE, thrown.getClass().getName());
    } else if (status >= 400) {
      span.fail(null);
      span.attribute(ERROR_TYPE, Integer.toString(status));
    }
    span.end();
  }

  /** {@code uri}'s path and query under {@code host}; the scheme's default port left out. */
  private static String absoluteUrl(String scheme, String host, int port, URI uri) {
    String effectiveScheme = scheme != null ? scheme : "http";
    String path = uri.getRawPath();
    String query = uri.getRawQuery();
    String pathAndQuery = query == null ? path : (path == null ? "" : path) + "?" + query;
    int shownPort = port > 0 && port != HttpValues.defaultPort(effectiveScheme) ? port : -1;
    return url(effectiveScheme, host, shownPort, pathAndQuery);
  }

  /**
   * {@code scheme://host:port/path}: an IPv6 host in brackets, no port below 0, the path after a
   * slash ({@code /} alone when there is none).
   */
  private static String url(String scheme, String host, int port, String path) {
    StringBuilder url = new StringBuilder(64).append(scheme).append("://");
    if (host.indexOf(':') >= 0 && host.charAt(0) != '[') {
      url.append('[').append(host).append(']');
    } else {
      url.append(host);
    }
    if (port >= 0) {
      url.append(':').append(port);
    }
    if (path == null || path.isEmpty() || path.charAt(0) != '/') {
      url.append('/');
    }
    if (path != null) {
      url.append(path);
    }
    return url.toString();
  }
}
