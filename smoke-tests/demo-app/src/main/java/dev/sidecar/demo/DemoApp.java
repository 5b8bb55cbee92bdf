package dev.sidecar.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A small shop front: {@code /hello} asks a downstream service for a greeting, from a thread of its
 * own pool, and answers with it.
 *
 * <pre>
 *   java -jar demo-app.jar                          # demo: serves, calls itself a few times, exits
 *   java -jar demo-app.jar serve PORT [DOWNSTREAM]  # serves until killed; prints "listening on PORT"
 * </pre>
 */
public final class DemoApp {
  private static final Logger LOG = Logger.getLogger(DemoApp.class.getName());
  private final HttpClient client = HttpClient.newHttpClient();
  // Outgoing calls run here, as in services that fan out: the request thread waits for them.
  private final ExecutorService calls = Executors.newFixedThreadPool(2, daemon("demo-calls"));
  private final String downstream;

  private DemoApp(String downstream) {
    this.downstream = downstream;
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("serve")) {
      int port = Integer.parseInt(args[1]);
      HttpServer server = start(port, args.length > 2 ? args[2] : null);
      System.out.println("listening on " + server.getAddress().getPort());
      // Serve until the process is stopped; the server's threads are daemons.
      new CountDownLatch(1).await();
      return;
    }
    HttpServer server = start(0, null);
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    DemoApp self = new DemoApp(base);
    HttpServer front = start(0, base);
    String frontUrl = "http://127.0.0.1:" + front.getAddress().getPort();
    System.out.println("demo: GET " + frontUrl + "/hello?name=sidecar -> "
        + self.get(frontUrl + "/hello?name=sidecar"));
    System.out.println("demo: GET " + frontUrl + "/missing -> " + self.status(frontUrl + "/missing"));
    System.out.println("demo: GET " + frontUrl + "/fail -> " + self.status(frontUrl + "/fail"));
    front.stop(0);
    server.stop(0);
    System.out.println("demo: done; the agent prints the spans above as it exports them");
  }

  private static HttpServer start(int port, String downstream) throws IOException {
    DemoApp app = new DemoApp(downstream);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext("/", app::handle);
    server.setExecutor(Executors.newFixedThreadPool(4, daemon("demo-http-" + port)));
    server.start();
    return server;
  }

  private static ThreadFactory daemon(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    try {
      switch (path) {
        case "/hello": {
          String query = exchange.getRequestURI().getRawQuery();
          String greeting = downstream == null ? "hello" : calls.submit(() -> {
            LOG.log(Level.INFO, "asking downstream for {0}", name(query));
            return get(downstream + "/greeting" + (query == null ? "" : "?" + query));
          }).get();
          respond(exchange, 200, greeting + "\n");
          break;
        }
        case "/greeting": {
          String name = name(exchange.getRequestURI().getRawQuery());
          LOG.log(Level.INFO, "greeting {0}", name);
          respond(exchange, 200, "hello, " + name);
          break;
        }
        case "/fail":
          LOG.log(Level.SEVERE, "failing on purpose", new IllegalStateException("the demo fails here"));
          respond(exchange, 500, "failed on purpose\n");
          break;
        default:
          respond(exchange, 404, "not found\n");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      respond(exchange, 503, "interrupted\n");
    } catch (ExecutionException e) {
      LOG.log(Level.WARNING, "downstream call failed", e.getCause());
      respond(exchange, 502, "downstream call failed\n");
    }
  }

  private String get(String url) throws IOException, InterruptedException {
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    return response.body().trim();
  }

  private int status(String url) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static String name(String query) {
    return query != null && query.startsWith("name=") ? query.substring(5) : "stranger";
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
