package dev.sidecar.bootstrap.http;

import static dev.sidecar.bootstrap.http.HttpAttributes.CLIENT_ADDRESS;
import static dev.sidecar.bootstrap.http.HttpAttributes.ERROR_TYPE;
import static dev.sidecar.bootstrap.http.HttpAttributes.HTTP_ROUTE;
import static dev.sidecar.bootstrap.http.HttpAttributes.NETWORK_PEER_ADDRESS;
import static dev.sidecar.bootstrap.http.HttpAttributes.NETWORK_PEER_PORT;
import static dev.sidecar.bootstrap.http.HttpAttributes.SERVER_ADDRESS;
import static dev.sidecar.bootstrap.http.HttpAttributes.SERVER_PORT;
import static dev.sidecar.bootstrap.http.HttpAttributes.NETWORK_PROTOCOL_VERSION;
import static dev.sidecar.bootstrap.http.HttpAttributes.RESPONSE_STATUS_CODE;
import static dev.sidecar.bootstrap.http.HttpAttributes.URL_PATH;
import static dev.sidecar.bootstrap.http.HttpAttributes.URL_QUERY;
import static dev.sidecar.bootstrap.http.HttpAttributes.URL_SCHEME;
import static dev.sidecar.bootstrap.http.HttpAttributes.USER_AGENT_ORIGINAL;

import dev.sidecar.bootstrap.CurrentSpan;
import dev.sidecar.bootstrap.Propagators;
import dev.sidecar.bootstrap.SidecarThread;
import dev.sidecar.bootstrap.SpanKind;
import dev.sidecar.bootstrap.SpanRecord;
import dev.sidecar.bootstrap.TraceParent;

/**
 * Server spans under OpenTelemetry's stable HTTP semantic conventions, for every HTTP server
 * instrumentation: the advice reads values from its library and passes them here.
 */
public final class HttpServerSpans {
  /**
   * The request attribute that holds a request's server span once the request outlives the call
   * that started it (async, or an error page to come), so that later dispatches of the same request
   * find it instead of starting another. Data on the request object: no field is added to any class.
   */
  public static final String REQUEST_ATTRIBUTE = "dev.sidecar.server-span";

  private HttpServerSpans() {}

  /**
   * Whether a request arriving now needs a server span: not on the agent's own threads, and not
   * inside a request that already has one (filters, forwards and nested handlers make no second).
   * Advice asks first, so it reads no header in vain.
   */
  public static boolean wanted() {
    return !SidecarThread.isCurrent() && wantedUnder(CurrentSpan.get());
  }

  /** Whether a request arriving under {@code current}, the thread's current span, needs a server span. */
  private static boolean wantedUnder(SpanRecord current) {
    return current == null || current.kind() != SpanKind.SERVER;
  }

  /**
   * Starts the server span of an incoming request and makes it current; returns null when none
   * is wanted: on the agent's own threads, or inside a request that already has its server span
   * (filters, forwards and nested handlers make no second one).
   */
  public static SpanRecord start(String scope, String method, String traceparent, String tracestate,
      String baggage) {
    if (SidecarThread.isCurrent()) {
      return null;
    }
    // The current span is looked up once, for the check and as the parent.
    SpanRecord current = CurrentSpan.get();
    if (!wantedUnder(current)) {
      return null;
    }
    TraceParent remote = Propagators.traceContext() ? TraceParent.parse(traceparent, tracestate) : null;
    String passedBaggage = Propagators.baggage() ? HttpValues.baggage(baggage) : null;
    SpanRecord span = SpanRecord.startCurrent(scope, SpanKind.SERVER, HttpMethods.spanName(method),
        remote == null ? current : null, remote, passedBaggage);
    HttpMethods.record(span, method);
    return span;
  }

  /** Records what the request says about itself; {@code peer} is the client's socket address. */
  public static void request(SpanRecord span, String scheme, String path, String query, String host,
      String protocol, String userAgent, Object peer) {
    if (!span.sampled()) {
      return;
    }
    span.attribute(URL_SCHEME, scheme)
        .attribute(URL_PATH, path)
        .attribute(URL_QUERY, query)
        .attribute(NETWORK_PROTOCOL_VERSION, HttpValues.protocolVersion(protocol))
        .attribute(USER_AGENT_ORIGINAL, userAgent)
        .attribute(NETWORK_PEER_ADDRESS, peer);
    HttpValues.recordHost(span, host);
  }

  /** Records the connection's peer where the server gives it as text, as servlet containers do. */
  public static void peer(SpanRecord span, String address, int port) {
    if (!span.sampled() || address == null) {
      return;
    }
    span.attribute(CLIENT_ADDRESS, address).attribute(NETWORK_PEER_ADDRESS, address);
    if (port > 0) {
      span.attribute(NETWORK_PEER_PORT, HttpValues.peerPort(port));
    }
  }

  /**
   * Lets proxy headers override what the connection says: the client's address, the scheme, the
   * host and port the client asked for. Call after {@link #request}; all arguments may be null.
   */
  public static void forwarded(SpanRecord span, String forwarded, String forwardedFor, String forwardedProto,
      String forwardedHost) {
    if (!span.sampled() || (forwarded == null && forwardedFor == null && forwardedProto == null
        && forwardedHost == null)) {
      return;
    }
    String client = Forwarded.address(Forwarded.parameter(forwarded, "for"));
    span.replaceAttribute(CLIENT_ADDRESS, client != null ? client : Forwarded.address(Forwarded.first(forwardedFor)));
    String proto = Forwarded.parameter(forwarded, "proto");
    span.replaceAttribute(URL_SCHEME, proto != null ? proto : Forwarded.first(forwardedProto));
    String host = Forwarded.parameter(forwarded, "host");
    host = host != null ? host : Forwarded.first(forwardedHost);
    if (host != null) {
      span.removeAttribute(SERVER_ADDRESS);
      span.removeAttribute(SERVER_PORT);
      HttpValues.recordHost(span, host);
    }
  }

  /** Records the configured request header; {@code index} is into {@link HttpHeaderCapture#requestHeaders()}. */
  public static void requestHeader(SpanRecord span, int index, String value) {
    if (value != null) {
      span.attribute(HttpHeaderCapture.requestKey(index), new String[] {value});
    }
  }

  public static void responseHeader(SpanRecord span, int index, String value) {
    if (value != null && !span.isEnding()) {
      span.attribute(HttpHeaderCapture.responseKey(index), new String[] {value});
    }
  }

  /**
   * Names the span after the route the server matched on its own ({@link ServerRoutes}), at its
   * start: {@code GET /hello}. A framework's route replaces it later. Null does nothing.
   */
  public static void serverRoute(SpanRecord span, String route) {
    if (route == null || !span.sampled()) {
      return;
    }
    // The span has just started: no route to replace, the attributes need no search.
    span.nameAfterRoute(route);
    span.attribute(HTTP_ROUTE, route);
  }

  /**
   * Names the current server span after the matched route, {@code GET /owners/{ownerId}}, as a
   * web framework learns it; does nothing outside a server span.
   */
  public static void route(String route) {
    SpanRecord span = currentServerSpan();
    if (span == null || route == null || route.isEmpty() || span.isEnding()) {
      return;
    }
    span.nameAfterRoute(route);
    span.replaceAttribute(HTTP_ROUTE, route);
  }

  /** The server span current on this thread, or null when the current span is none or another kind. */
  public static SpanRecord currentServerSpan() {
    SpanRecord span = CurrentSpan.get();
    return span != null && span.kind() == SpanKind.SERVER ? span : null;
  }

  /**
   * For a later dispatch of a request that already has a server span (found under
   * {@link #REQUEST_ATTRIBUTE}): makes it current again on this thread and returns it if this call
   * now owns it, or null when the span is already current here (a nested call) or has ended.
   */
  public static SpanRecord resume(Object stored) {
    if (!(stored instanceof SpanRecord)) {
      return null;
    }
    SpanRecord span = (SpanRecord) stored;
    if (span.isEnding() || CurrentSpan.get() == span) {
      return null;
    }
    CurrentSpan.set(span);
    return span;
  }

  /**
   * Ends the span: {@code status} is the response code, or a value below 100 when none was sent.
   * A server span is an error at 5xx or when the handler threw.
   */
  public static void end(SpanRecord span, int status, Throwable thrown) {
    span.closeScope();
    if (!span.claimEnd()) {
      return;
    }
    if (status >= 100) {
      span.attribute(RESPONSE_STATUS_CODE, HttpValues.statusCode(status));
    }
    if (thrown != null) {
      span.fail(thrown);
      span.attribute(ERROR_TYPE, thrown.getClass().getName());
    } else if (status >= 500) {
      span.fail(null);
      span.attribute(ERROR_TYPE, Integer.toString(status));
    }
    span.end();
  }
}
