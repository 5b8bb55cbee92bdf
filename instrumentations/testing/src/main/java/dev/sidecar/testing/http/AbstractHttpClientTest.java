package dev.sidecar.testing.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sidecar.testing.InstrumentedJvm;
import dev.sidecar.testing.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every HTTP client instrumentation must produce, stated once. A library's test only says
 * how to send a GET with the real client. The requests go to a real local server (the JDK's,
 * itself traced) that records the trace headers it received.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AbstractHttpClientTest {
  private final Map<String, String> receivedTraceparents = new ConcurrentHashMap<>();
  private HttpServer server;
  private long agentErrorsBefore;
  private int port;

  /** Sends a GET with the library under test and returns the status code; failures propagate. */
  protected abstract int get(URI uri) throws Exception;

  protected abstract String scopeName();

  /** The exception type the library throws when the connection is refused. */
  protected abstract Class<? extends Throwable> connectionRefusedException();

  @BeforeAll
  void startAll() throws IOException {
    InstrumentedJvm.receiver();
    agentErrorsBefore = InstrumentedJvm.agentErrors();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    // /proxy calls back into this server, so handlers need threads of their own.
    server.setExecutor(Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "client-test-server");
      thread.setDaemon(true);
      return thread;
    }));
    server.start();
    port = server.getAddress().getPort();
  }

  @AfterAll
  void stopAll() {
    server.stop(0);
    InstrumentedJvm.assertNoAgentErrors(agentErrorsBefore);
  }

  @Test
  void clientSpanCarriesItsContextToTheServer() throws Exception {
    String id = UUID.randomUUID().toString();
    URI uri = uri("/success?id=" + id);
    assertEquals(200, get(uri));

    ReceivedSpan client = awaitClientSpan(uri);
    assertEquals("GET", client.name());
    assertEquals("", client.parentSpanId());
    assertEquals(scopeName(), client.scope().getName());
    assertEquals(Status.StatusCode.STATUS_CODE_UNSET, client.span().getStatus().getCode());
    assertEquals(Map.of(
        "http.request.method", "GET",
        "url.full", uri.toString(),
        "server.address", "127.0.0.1",
        "server.port", String.valueOf(port),
        "network.protocol.version", "1.1",
        "http.response.status_code", "200"), client.attributes());
    assertEquals("00-" + client.traceId() + "-" + client.spanId() + "-01", receivedTraceparents.get(id));
    List<ReceivedSpan> trace = InstrumentedJvm.awaitTrace(client.traceId(), 2);
    ReceivedSpan serverSpan = trace.stream().filter(s -> s.kind() == Span.SpanKind.SPAN_KIND_SERVER).findFirst().orElseThrow();
    assertEquals(client.spanId(), serverSpan.parentSpanId());
  }

  @Test
  void clientErrorIsAnError() throws Exception {
    URI uri = uri("/missing?id=" + UUID.randomUUID());
    assertEquals(404, get(uri));
    ReceivedSpan client = awaitClientSpan(uri);
    assertEquals(Status.StatusCode.STATUS_CODE_ERROR, client.span().getStatus().getCode());
    assertEquals("404", client.attribute("error.type"));
    assertEquals("404", client.attribute("http.response.status_code"));
  }

  @Test
  void serverErrorIsAnError() throws Exception {
    URI uri = uri("/error?id=" + UUID.randomUUID());
    assertEquals(500, get(uri));
    ReceivedSpan client = awaitClientSpan(uri);
    assertEquals(Status.StatusCode.STATUS_CODE_ERROR, client.span().getStatus().getCode());
    assertEquals("500", client.attribute("error.type"));
  }

  @Test
  void refusedConnectionReachesTheApplicationAndFailsTheSpan() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    URI uri = URI.create("http://127.0.0.1:" + closedPort + "/refused?id=" + UUID.randomUUID());
    Throwable thrown = assertThrows(Throwable.class, () -> get(uri));
    assertEquals(connectionRefusedException(), rootType(thrown));
    ReceivedSpan client = awaitClientSpan(uri);
    assertEquals(Status.StatusCode.STATUS_CODE_ERROR, client.span().getStatus().getCode());
    assertEquals(connectionRefusedException().getName(), client.attribute("error.type"));
    assertNull(client.attribute("http.response.status_code"));
  }

  @Test
  void callInsideAServerSpanIsItsChild() throws Exception {
    String id = UUID.randomUUID().toString();
    String traceId = AbstractHttpServerTest.newTraceId();
    assertEquals(200, PlainHttp.send(port, "GET", "/proxy?id=" + id,
        Map.of("traceparent", AbstractHttpServerTest.traceparent(traceId))));

    List<ReceivedSpan> trace = InstrumentedJvm.awaitTrace(traceId, 3);
    ReceivedSpan outer = only(trace, Span.SpanKind.SPAN_KIND_SERVER, "/proxy");
    ReceivedSpan client = trace.stream().filter(s -> s.kind() == Span.SpanKind.SPAN_KIND_CLIENT).findFirst().orElseThrow();
    ReceivedSpan inner = only(trace, Span.SpanKind.SPAN_KIND_SERVER, "/success");
    assertEquals(outer.spanId(), client.parentSpanId());
    assertEquals(client.spanId(), inner.parentSpanId());
    assertEquals(3, trace.size(), String.valueOf(trace));
  }

  @Test
  void unsampledTraceStillPropagates() throws Exception {
    String id = UUID.randomUUID().toString();
    String traceId = AbstractHttpServerTest.newTraceId();
    assertEquals(200, PlainHttp.send(port, "GET", "/proxy?id=" + id,
        Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-00")));
    String sent = receivedTraceparents.get(id + "-inner");
    assertEquals("00-" + traceId + "-", sent.substring(0, 36));
    assertEquals("-00", sent.substring(52));
    // A later sampled call's spans arriving proves the unsampled ones were never sent.
    URI later = uri("/success?id=" + UUID.randomUUID());
    get(later);
    awaitClientSpan(later);
    assertEquals(List.of(), InstrumentedJvm.spansOf(traceId));
  }

  private ReceivedSpan awaitClientSpan(URI uri) {
    return InstrumentedJvm.awaitSpan(s -> s.kind() == Span.SpanKind.SPAN_KIND_CLIENT
        && uri.toString().equals(s.attribute("url.full")), "client span for " + uri);
  }

  private static ReceivedSpan only(List<ReceivedSpan> spans, Span.SpanKind kind, String path) {
    return spans.stream().filter(s -> s.kind() == kind && path.equals(s.attribute("url.path"))).findFirst().orElseThrow();
  }

  private URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port + pathAndQuery);
  }

  private static Class<?> rootType(Throwable thrown) {
    Throwable t = thrown;
    while (!(t instanceof IOException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t.getClass();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String query = exchange.getRequestURI().getQuery();
    String id = query != null && query.startsWith("id=") ? query.substring(3) : "";
    String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
    if (traceparent != null) {
      receivedTraceparents.put(id, traceparent);
    }
    String path = exchange.getRequestURI().getPath();
    int status = path.equals("/success") ? 200 : path.equals("/error") ? 500 : path.equals("/proxy") ? 0 : 404;
    if (status == 0) {
      try {
        status = get(uri("/success?id=" + id + "-inner"));
      } catch (Exception e) {
        status = 502;
      }
    }
    exchange.sendResponseHeaders(status, 2);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write("ok".getBytes());
    }
  }
}
