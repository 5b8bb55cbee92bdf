package dev.sidecar.smoke;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The application of the reliability smoke tests, started in its own JVM with the agent, from the
 * test class path: a JDK HttpServer whose routes log through java.util.logging and end the JVM on
 * demand. {@code /exit?code=N} answers, then calls {@code System.exit(N)} on the request thread;
 * {@code /heap} answers the heap in use after a full collection, in bytes; {@code /log?chars=N}
 * logs a message of N characters; every other path answers 200 and logs one line.
 */
public final class ReliabilityApp {
  private static final Logger LOG = Logger.getLogger(ReliabilityApp.class.getName());

  private ReliabilityApp() {}

  public static void main(String[] args) throws Exception {
    // INFO lines are logged (and captured by the agent) but not printed: the output shows warnings only.
    for (Handler handler : Logger.getLogger("").getHandlers()) {
      handler.setLevel(Level.WARNING);
    }
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ReliabilityApp::handle);
    server.setExecutor(Executors.newFixedThreadPool(4, task -> {
      Thread thread = new Thread(task, "reliability-http");
      thread.setDaemon(true);
      return thread;
    }));
    server.start();
    System.out.println("listening on " + server.getAddress().getPort());
    new CountDownLatch(1).await();
  }

  private static void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String query = exchange.getRequestURI().getRawQuery();
    switch (path) {
      case "/exit": {
        int code = Integer.parseInt(parameter(query, "code", "0"));
        LOG.info("exiting with " + code);
        respond(exchange, "bye\n");
        System.exit(code);
        break;
      }
      case "/heap": {
        System.gc();
        respond(exchange, String.valueOf(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()));
        break;
      }
      case "/log": {
        int chars = Integer.parseInt(parameter(query, "chars", "0"));
        LOG.info("x".repeat(chars));
        respond(exchange, "logged " + chars + "\n");
        break;
      }
      default:
        LOG.info("served " + path);
        respond(exchange, "ok\n");
    }
  }

  private static String parameter(String query, String name, String defaultValue) {
    if (query != null) {
      for (String pair : query.split("&")) {
        if (pair.startsWith(name + "=")) {
          return pair.substring(name.length() + 1);
        }
      }
    }
    return defaultValue;
  }

  private static void respond(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
