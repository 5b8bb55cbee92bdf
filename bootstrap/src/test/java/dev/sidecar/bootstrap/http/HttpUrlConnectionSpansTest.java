package dev.sidecar.bootstrap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidecar.bootstrap.CurrentSpan;
import dev.sidecar.bootstrap.Handoff;
import dev.sidecar.bootstrap.SpanRecord;
import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The span's life across the calls of one connection; connections are made but never connected. */
class HttpUrlConnectionSpansTest {
  private static final String SCOPE = "dev.sidecar.http-url-connection";

  @BeforeEach
  void freshState() {
    Handoff.configure(64, 64);
    CurrentSpan.set(null);
  }

  @AfterEach
  void restore() {
    CurrentSpan.set(null);
  }

  @Test
  void spanStartsAtConnectAndEndsWhenTheResponseIsRead() throws Exception {
    SpanRecord server = HttpServerSpans.start("srv", "GET", null, null, "k=v");
    HttpURLConnection connection = connection("http://user:pw@127.0.0.1:9/a?b=1");

    HttpUrlConnectionSpans.Held connect = HttpUrlConnectionSpans.enter(SCOPE, connection, -1);
    assertNotNull(connect);
    SpanRecord span = CurrentSpan.get();
    assertEquals(server.spanId(), span.parentSpanId());
    assertEquals("http://user:pw@127.0.0.1:9/a?b=1", span.attribute(HttpAttributes.URL_FULL));
    assertEquals(9, span.attribute(HttpAttributes.SERVER_PORT));
    assertEquals(span.traceparent(), connection.getRequestProperty("traceparent"));
    assertEquals("k=v", connection.getRequestProperty("baggage"));
    assertNull(HttpUrlConnectionSpans.enter(SCOPE, connection, -1), "a nested call owns nothing");
    HttpUrlConnectionSpans.exit(connection, connect, -1, null, false);
    assertSame(server, CurrentSpan.get(), "between calls the span is not current");
    assertEquals(0, Handoff.spans().size());

    HttpUrlConnectionSpans.Held read = HttpUrlConnectionSpans.enter(SCOPE, connection, -1);
    assertSame(connect, read);
    assertSame(span, CurrentSpan.get());
    HttpUrlConnectionSpans.exit(connection, read, 200, null, true);
    assertSame(server, CurrentSpan.get());
    assertEquals(1, Handoff.spans().size());
    assertEquals(200, span.attribute(HttpAttributes.RESPONSE_STATUS_CODE));
    assertEquals("1.1", span.attribute(HttpAttributes.NETWORK_PROTOCOL_VERSION));
    assertFalse(span.error());

    assertNull(HttpUrlConnectionSpans.enter(SCOPE, connection, 200), "calls after the response make no second span");
    assertFalse(HttpUrlConnectionSpans.holds(connection), "a connection that got its response is forgotten");
  }

  @Test
  void failureEndsTheSpanOnceAndLaterCallsMakeNoOther() throws Exception {
    HttpURLConnection connection = connection("http://127.0.0.1:9/");
    HttpUrlConnectionSpans.Held held = HttpUrlConnectionSpans.enter(SCOPE, connection, -1);
    SpanRecord span = CurrentSpan.get();
    ConnectException refused = new ConnectException("Connection refused");
    HttpUrlConnectionSpans.exit(connection, held, -1, refused, false);
    assertNull(CurrentSpan.get());
    assertTrue(span.error());
    assertSame(refused, span.exception());
    assertEquals("java.net.ConnectException", span.attribute(HttpAttributes.ERROR_TYPE));
    assertNull(span.attribute(HttpAttributes.RESPONSE_STATUS_CODE));
    // getResponseCode after the failure rethrows it without a new request.
    assertNull(HttpUrlConnectionSpans.enter(SCOPE, connection, -1));
    assertEquals(1, Handoff.spans().size());
    assertTrue(HttpUrlConnectionSpans.holds(connection), "the failed connection keeps its ended mark");
  }

  @Test
  void errorStatusThrownAsExceptionIsAnHttpError() throws Exception {
    HttpURLConnection connection = connection("http://127.0.0.1:9/missing");
    HttpUrlConnectionSpans.Held held = HttpUrlConnectionSpans.enter(SCOPE, connection, -1);
    SpanRecord span = CurrentSpan.get();
    HttpUrlConnectionSpans.exit(connection, held, 404, new FileNotFoundException("http://127.0.0.1:9/missing"), true);
    assertTrue(span.error());
    assertNull(span.exception());
    assertEquals("404", span.attribute(HttpAttributes.ERROR_TYPE));
  }

  @Test
  void getWithOutputIsAPost() throws Exception {
    HttpURLConnection connection = connection("http://127.0.0.1:9/");
    connection.setDoOutput(true);
    HttpUrlConnectionSpans.enter(SCOPE, connection, -1);
    assertEquals("POST", CurrentSpan.get().attribute(HttpAttributes.REQUEST_METHOD));
  }

  @Test
  void connectionWithAResponseAlreadyIsLeftAlone() throws Exception {
    assertNull(HttpUrlConnectionSpans.enter(SCOPE, connection("http://127.0.0.1:9/"), 200));
    assertNull(CurrentSpan.get());
  }

  @Test
  void insideAnotherClientSpanNoSpan() throws Exception {
    SpanRecord outer = HttpClientSpans.start("dev.sidecar.okhttp", "GET");
    HttpURLConnection connection = connection("http://127.0.0.1:9/");
    assertNull(HttpUrlConnectionSpans.enter(SCOPE, connection, -1));
    assertNull(connection.getRequestProperty("traceparent"));
    assertSame(outer, CurrentSpan.get());
  }

  private static HttpURLConnection connection(String url) throws Exception {
    return (HttpURLConnection) new URL(url).openConnection();
  }
}
