package dev.sidecar.bootstrap.http;

import static dev.sidecar.bootstrap.http.HttpAttributes.CLIENT_ADDRESS;
import static dev.sidecar.bootstrap.http.HttpAttributes.ERROR_TYPE;
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
  private HttpServerSpans() {}

  /**
   * Whether a request arriving now needs a server span: not on the agent's own threads, and not
   * inside a request that already has one (filters, forwards and nested handlers make no second).
   * Advice asks first, so it reads no header in vain.
   */
  public static boolean wanted() {
    if (SidecarThread.isCurrent()) {
      return false;
    }
    SpanRecord current = CurrentSpan.get();
    return current == null || current.kind() != SpanKind.SERVER;
  }

  /**
   * Starts the server span of an incoming request and makes it current; returns null when none
   * is wanted: on the agent's own threads, or inside a request that already has its server span
   * (filters, forwards and nested handlers make no second one).
   */
  public static SpanRecord start(String scope, String method, String traceparent, String tracestate,
      String baggage) {
    if (!wanted()) {
      return null;
    }
    SpanRecord current = CurrentSpan.get();
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
        .attribute(CLIENT_ADDRESS, peer);
    HttpValues.recordHost(span, host);
  }

  /**
   * Ends the span: {@code status} is the response code, or a value below 100 when none was sent.
   * A server span is an error at 5xx or when the handler threw.
   */
  public static void end(SpanRecord span, int status, Throwable thrown) {
    span.closeScope();
    if (status >= 100) {
      span.attribute(RESPONSE_STATUS_CODE, status);
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
