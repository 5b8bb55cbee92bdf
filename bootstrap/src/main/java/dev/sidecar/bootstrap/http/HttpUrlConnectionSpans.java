package dev.sidecar.bootstrap.http;

import dev.sidecar.bootstrap.CurrentSpan;
import dev.sidecar.bootstrap.SpanRecord;
import dev.sidecar.bootstrap.WeakIdentityMap;
import java.net.HttpURLConnection;
import java.net.URL;

/**
 * The client span of a {@code java.net.HttpURLConnection}: started by the first of
 * {@code connect}, {@code getOutputStream} or {@code getInputStream}, current only while one of them
 * runs, ended when {@code getInputStream} returns or any of them throws. The connection carries
 * its span from call to call in a {@link WeakIdentityMap}. Calls after the response make no second
 * span: the connection's {@code responseCode} is set by then. A connection that failed before any
 * response keeps its ended mark until it is collected, since its later calls rethrow the failure.
 */
public final class HttpUrlConnectionSpans {
  // Connections alive at once with a span, ended or not; past this, new connections go untraced.
  private static final WeakIdentityMap<Held> HELD = new WeakIdentityMap<>(8192);

  private HttpUrlConnectionSpans() {}

  /**
   * On entry of an instrumented call: returns the connection's span state if this call owns it
   * now (it is then current), or null: an ended span, a nested call, a response read before the
   * agent saw the connection, or no span wanted here.
   */
  public static Held enter(String scope, HttpURLConnection connection, int responseCode) {
    Held held = HELD.get(connection);
    if (held != null) {
      return held.resume();
    }
    if (responseCode != -1) {
      return null;
    }
    SpanRecord outer = CurrentSpan.get();
    SpanRecord span = HttpClientSpans.start(scope, method(connection));
    if (span == null) {
      return null;
    }
    held = new Held(span, outer);
    if (!HELD.putIfRoom(connection, held)) {
      // Unrecorded (it never ends, so it is never exported), and no header promises a span.
      CurrentSpan.set(outer);
      return null;
    }
    URL url = connection.getURL();
    HttpClientSpans.request(span, url.toString(), url.getProtocol(), url.getHost(), url.getPort());
    inject(connection, span);
    return held;
  }

  /**
   * On exit of the call that {@link #enter} returned {@code held} for. The span ends when the
   * response was read ({@code getInputStream}) or the call threw; a 4xx or 5xx that the connection
   * throws as {@code FileNotFoundException} or {@code IOException} is an HTTP error, not a failure.
   */
  public static void exit(HttpURLConnection connection, Held held, int responseCode, Throwable thrown,
      boolean responseRead) {
    CurrentSpan.set(held.outer);
    held.outer = null;
    if (thrown == null && !responseRead) {
      return;
    }
    SpanRecord span = held.span;
    held.span = null;
    boolean responded = responseCode >= 100;
    if (responded) {
      HELD.remove(connection);
    }
    // The JDK's implementation sends HTTP/1.1 only.
    HttpClientSpans.end(span, responded ? responseCode : 0, responded ? "1.1" : null,
        responseCode >= 400 ? null : thrown);
  }

  /** Whether the connection carries a span or an ended mark; for tests. */
  static boolean holds(HttpURLConnection connection) {
    return HELD.get(connection) != null;
  }

  // A GET with output becomes a POST when the output stream is opened, as the JDK's implementation does.
  private static String method(HttpURLConnection connection) {
    String method = connection.getRequestMethod();
    return connection.getDoOutput() && "GET".equals(method) ? "POST" : method;
  }

  private static void inject(HttpURLConnection connection, SpanRecord span) {
    String traceparent = HttpClientSpans.traceparent(span);
    String tracestate = HttpClientSpans.tracestate(span);
    String baggage = HttpClientSpans.baggage(span);
    try {
      if (traceparent != null) {
        connection.setRequestProperty("traceparent", traceparent);
        if (tracestate != null) {
          connection.setRequestProperty("tracestate", tracestate);
        }
      }
      // Baggage the application set itself wins over what came in with the request.
      if (baggage != null && connection.getRequestProperty("baggage") == null) {
        connection.setRequestProperty("baggage", baggage);
      }
    } catch (IllegalStateException alreadyConnected) {
      // Connected before the agent saw it (after a runtime attach): the request left without headers.
    }
  }

  /** A connection's span from call to call; touched by the thread in a call of that connection. */
  public static final class Held {
    private SpanRecord span;
    private SpanRecord outer;

    Held(SpanRecord span, SpanRecord outer) {
      this.span = span;
      this.outer = outer;
    }

    private Held resume() {
      SpanRecord current = CurrentSpan.get();
      if (span == null || current == span) {
        return null;
      }
      outer = current;
      CurrentSpan.set(span);
      return this;
    }
  }
}
