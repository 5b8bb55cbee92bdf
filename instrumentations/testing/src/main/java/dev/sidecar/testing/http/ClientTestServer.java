package dev.sidecar.testing.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * The server the client suite sends to: the JDK's, itself traced. It records the
 * {@code traceparent} each request brought under the request's {@code id} query parameter, and
 * answers by path: {@code /success} 200, {@code /error} 500, {@code /redirect} 302 to
 * {@code /success?id=<id>-redirected}, {@code /unavailable-once} 503 with {@code Retry-After: 0}
 * the first time for an id and 200 after, {@code /slow} 200 after 1.5 s, {@code /proxy} whatever a
 * call to {@code /success?id=<id>-inner} with the client under test answered, anything else 404.
 */
final class ClientTestServer {
  private final Map<String, String> receivedTraceparents = new ConcurrentHashMap<>();
  private final Set<String> unavailableServed = ConcurrentHashMap.newKeySet();
  private final Client client;
  private final HttpServer server;

  ClientTestServer(Client client) throws IOException {
    this.client = client;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    // /proxy calls back into this server, and /slow waits, so handlers need threads of their own.
    server.setExecutor(Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "client-test-server");
      thread.setDaemon(true);
      return thread;
    }));
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
  }

  /** The {@code traceparent} the request with this id brought, or null. */
  String traceparent(String id) {
    return receivedTraceparents.get(id);
  }

  void stop() {
    server.stop(0);
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
    if (path.equals("/redirect")) {
      exchange.getResponseHeaders().set("Location", "/success?id=" + id + "-redirected");
      status = 302;
    } else if (path.equals("/unavailable-once")) {
      boolean first = unavailableServed.add(id);
      if (first) {
        exchange.getResponseHeaders().set("Retry-After", "0");
      }
      status = first ? 503 : 200;
    } else if (path.equals("/slow")) {
      try {
        Thread.sleep(1_500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      status = 200;
    }
    if (status == 0) {
      try {
        status = client.get(uri("/success?id=" + id + "-inner"));
      } catch (Exception e) {
        status = 502;
      }
    }
    exchange.sendResponseHeaders(status, 2);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write("ok".getBytes());
    }
  }

  /** The client under test, for {@code /proxy}. */
  interface Client {
    int get(URI uri) throws Exception;
  }
}
