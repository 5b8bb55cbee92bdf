package dev.sidecar.benchmarks.wholeprocess.apps;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

/**
 * Hello world on the JDK's {@code com.sun.net.httpserver}: {@code GET /hello} answers a short body
 * and logs one INFO record (none with {@code -Dhello.logs=false}), after the work {@link RequestWork}
 * asks for. Usage:
 * {@code java -jar jdk-hello.jar PORT}. Prints nothing per request.
 */
public final class JdkHelloApp {
  private static final boolean LOGS = QuietLogging.perRequest();
  private static final Logger LOG = Logger.getLogger(JdkHelloApp.class.getName());
  private static final byte[] BODY = "Hello, world!\n".getBytes(StandardCharsets.US_ASCII);

  private JdkHelloApp() {}

  public static void main(String[] args) throws IOException {
    QuietLogging.install();
    // Without TCP_NODELAY the response's head and body, written apart, wait ~40 ms on delayed ACKs per request.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    int port = Integer.parseInt(args[0]);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
    server.createContext("/hello", JdkHelloApp::hello);
    server.start();
  }

  private static void hello(HttpExchange exchange) throws IOException {
    RequestWork.perRequest();
    if (LOGS) {
      LOG.info("hello served");
    }
    exchange.getResponseHeaders().set("Content-Type", "text/plain");
    exchange.sendResponseHeaders(200, BODY.length);
    try (OutputStream body = exchange.getResponseBody()) {
      body.write(BODY);
    }
  }
}
