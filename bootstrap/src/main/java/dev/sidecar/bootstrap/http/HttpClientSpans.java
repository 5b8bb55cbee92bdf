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
   * response. A client span is an error at 4xx and above, or when the call threw.
   */
  public static void end(SpanRecord span, int status, String protocol, Throwable thrown) {
    span.closeScope();
    if (!span.claimEnd()) {
      return;
    }
    if (status >= 100) {
      span.attribute(RESPONSE_STATUS_CODE, status);
    }
    span.attribute(NETWORK_PROTOCOL_VERSION, HttpValues.protocolVersion(protocol));
    if (thrown != null) {
      span.fail(thrown);
      span.attribute(ERROR_TYPE, thrown.getClass().getName());
    } else if (status >= 400) {
      span.fail(null);
      span.attribute(ERROR_TYPE, Integer.toString(status));
    }
    span.end();
  }
}
