package dev.sidecar.instrumentation.jdkhttpserver;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sidecar.testing.http.AbstractHttpServerTest;
import dev.sidecar.testing.http.HandlingThreads;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** The HTTP server conformance suite against the JDK's own {@code com.sun.net.httpserver}. */
class JdkHttpServerTest extends AbstractHttpServerTest {
  private HttpServer server;

  @Override
  protected int startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    HttpContext context = server.createContext("/", JdkHttpServerTest::handle);
    // Two user filters: each is another Filter.Chain.doFilter call, and must make no span of its own.
    context.getFilters().add(passThrough("first"));
    context.getFilters().add(passThrough("second"));
    server.start();
    return server.getAddress().getPort();
  }

  @Override
  protected void stopServer() {
    server.stop(0);
  }

  @Override
  protected String scopeName() {
    return "dev.sidecar.java-http-server";
  }

  @Override
  protected String route() {
    return "/";
  }

  @Override
  protected int statusForHandlerException() {
    // The JDK server answers nothing when a handler throws: it closes the connection.
    return 0;
  }

  private static void handle(HttpExchange exchange) throws IOException {
    switch (exchange.getRequestURI().getPath()) {
      case "/success":
        HandlingThreads.record(exchange.getRequestHeaders().getFirst("traceparent"));
        exchange.getResponseHeaders().add("X-Response-Id", "r1");
        respond(exchange, 200, "ok");
        break;
      case "/error":
        respond(exchange, 500, "error");
        break;
      case "/exception":
        throw new IllegalStateException("boom");
      default:
        respond(exchange, 404, "not found");
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Filter passThrough(String name) {
    return new Filter() {
      @Override
      public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        chain.doFilter(exchange);
      }

      @Override
      public String description() {
        return name;
      }
    };
  }
}
