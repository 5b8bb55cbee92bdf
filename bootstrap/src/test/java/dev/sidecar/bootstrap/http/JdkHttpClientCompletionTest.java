package dev.sidecar.bootstrap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.sidecar.bootstrap.AgentErrors;
import dev.sidecar.bootstrap.CurrentSpan;
import dev.sidecar.bootstrap.Handoff;
import dev.sidecar.bootstrap.SpanRecord;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdkHttpClientCompletionTest {
  private HttpServer server;
  private long agentErrorsBefore;

  @BeforeEach
  void setUp() throws Exception {
    Handoff.configure(64, 64);
    CurrentSpan.set(null);
    agentErrorsBefore = AgentErrors.count();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = "created".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(201, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void tearDown() {
    server.stop(0);
    CurrentSpan.set(null);
  }

  private URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/things");
  }

  private static HttpClient client() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  @Test
  void connectFailureWrappedInCompletionException() {
    SpanRecord span = HttpClientSpans.start("jdk", "GET");
    ConnectException cause = new ConnectException("x");
    JdkHttpClientCompletion.ending(span).accept(null, new CompletionException(cause));
    assertTrue(span.error());
    assertSame(cause, span.exception(), "the CompletionException is unwrapped");
    assertEquals("java.net.ConnectException", span.attribute(HttpAttributes.ERROR_TYPE));
    assertNull(span.attribute(HttpAttributes.RESPONSE_STATUS_CODE));
    assertTrue(span.endEpochNanos() != 0);
    assertEquals(1, Handoff.spans().size());
    assertEquals(agentErrorsBefore, AgentErrors.count());
  }

  @Test
  void unwrappedFailureAndCauselessCompletionException() {
    SpanRecord plain = HttpClientSpans.start("jdk", "GET");
    JdkHttpClientCompletion.ending(plain).accept(null, new ConnectException("y"));
    assertEquals("java.net.ConnectException", plain.attribute(HttpAttributes.ERROR_TYPE));

    SpanRecord bare = HttpClientSpans.start("jdk", "GET");
    CompletionException noCause = new CompletionException("no cause", null);
    JdkHttpClientCompletion.ending(bare).accept(null, noCause);
    assertSame(noCause, bare.exception());
    assertEquals("java.util.concurrent.CompletionException", bare.attribute(HttpAttributes.ERROR_TYPE));
    assertEquals(agentErrorsBefore, AgentErrors.count());
  }

  @Test
  void realResponseRecordsStatusAndProtocol() throws Exception {
    SpanRecord span = HttpClientSpans.start("jdk", "POST");
    HttpResponse<String> response = client().send(
        HttpRequest.newBuilder(uri()).POST(HttpRequest.BodyPublishers.ofString("hi")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(201, response.statusCode());
    JdkHttpClientCompletion.ending(span).accept(response, null);

    assertEquals(agentErrorsBefore, AgentErrors.count(), "accept swallowed " + AgentErrors.last());
    assertEquals(Integer.valueOf(201), span.attribute(HttpAttributes.RESPONSE_STATUS_CODE));
    assertEquals("1.1", span.attribute(HttpAttributes.NETWORK_PROTOCOL_VERSION));
    assertFalse(span.error());
    assertTrue(span.endEpochNanos() != 0);
    assertNull(CurrentSpan.get());
    assertEquals(1, Handoff.spans().size());
  }

  @Test
  void worksAsSendAsyncCompletionCallback() throws Exception {
    SpanRecord span = HttpClientSpans.start("jdk", "GET");
    HttpResponse<String> response = client()
        .sendAsync(HttpRequest.newBuilder(uri()).GET().build(), HttpResponse.BodyHandlers.ofString())
        .whenComplete(JdkHttpClientCompletion.ending(span))
        .get(10, TimeUnit.SECONDS);
    assertEquals("created", response.body());
    assertEquals(agentErrorsBefore, AgentErrors.count(), "accept swallowed " + AgentErrors.last());
    assertEquals(Integer.valueOf(201), span.attribute(HttpAttributes.RESPONSE_STATUS_CODE));
    assertEquals("1.1", span.attribute(HttpAttributes.NETWORK_PROTOCOL_VERSION));
    assertEquals(1, Handoff.spans().size());
  }

  @Test
  void protocolNames() {
    assertEquals("1.1", JdkHttpClientCompletion.protocolVersion(HttpClient.Version.HTTP_1_1));
    assertEquals("2", JdkHttpClientCompletion.protocolVersion(HttpClient.Version.HTTP_2));
    assertNull(JdkHttpClientCompletion.protocolVersion(null));
    assertNull(JdkHttpClientCompletion.protocolVersion("SPDY"));
  }
}
