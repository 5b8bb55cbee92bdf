package dev.sidecar.isolation;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * An application that brings its own OpenTelemetry SDK and OkHttp, both bundled unrelocated in its fat jar,
 * at other versions than the agent's hidden copies.
 *
 * <pre>
 *   java -jar isolation-app.jar serve PORT   # serves until killed; prints "listening on PORT"
 * </pre>
 *
 * <p>{@code GET /versions} calls the app's own {@code /pong} with OkHttp inside a span of the app's own SDK,
 * then answers one {@code key=value} line per fact the smoke tests check: the versions the app sees, whether
 * the agent's internal classes can be loaded from the app, and where the app's classes come from.
 */
public final class IsolationApp {

  private static final String[] HIDDEN_AGENT_CLASSES = {"net.bytebuddy.ByteBuddy", "dev.sidecar.agent.Sidecar"};

  private final OkHttpClient client = new OkHttpClient();
  private final java.net.http.HttpClient jdkClient = java.net.http.HttpClient.newBuilder()
      .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
  private final OpenTelemetrySdk openTelemetry =
      OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder().build()).build();
  private final Tracer tracer = openTelemetry.getTracer("isolation-app");
  private volatile int port;

  private IsolationApp() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2 || !args[0].equals("serve")) {
      System.err.println("usage: java -jar isolation-app.jar serve PORT");
      System.exit(2);
    }
    IsolationApp app = new IsolationApp();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[1])), 0);
    server.createContext("/", app::handle);
    // /versions waits for /pong on the same server, so it needs more than one thread.
    server.setExecutor(Executors.newFixedThreadPool(4, task -> {
      Thread thread = new Thread(task, "isolation-http");
      thread.setDaemon(true);
      return thread;
    }));
    server.start();
    app.port = server.getAddress().getPort();
    System.out.println("listening on " + app.port);
    // Serve until the process is stopped; the server's threads are daemons.
    new CountDownLatch(1).await();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      switch (exchange.getRequestURI().getPath()) {
        case "/pong":
          respond(exchange, 200, "pong\n");
          break;
        case "/versions":
          respond(exchange, 200, versions());
          break;
        case "/relay":
          relay(exchange);
          break;
        default:
          respond(exchange, 404, "not found\n");
      }
    } catch (RuntimeException | IOException e) {
      respond(exchange, 500, "failed: " + e + "\n");
    }
  }

  /**
   * {@code /relay?via=jdk|okhttp|urlconnection&to=URL}: calls {@code to} with that client library and
   * answers with what came back, so several instances chain calls through three libraries.
   */
  private void relay(HttpExchange exchange) throws IOException {
    String via = null;
    String to = null;
    for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      if (pair.startsWith("via=")) {
        via = value;
      } else if (pair.startsWith("to=")) {
        to = value;
      }
    }
    String answer;
    switch (String.valueOf(via)) {
      case "okhttp":
        answer = okHttpGet(to);
        break;
      case "urlconnection":
        answer = urlConnectionGet(to);
        break;
      default:
        answer = jdkClientGet(to);
    }
    respond(exchange, 200, via + " -> " + answer + "\n");
  }

  private String jdkClientGet(String url) throws IOException {
    try {
      java.net.http.HttpResponse<String> response = jdkClient.send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      return response.statusCode() + " " + response.body().trim();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static String urlConnectionGet(String url) throws IOException {
    java.net.HttpURLConnection connection = (java.net.HttpURLConnection) new java.net.URL(url).openConnection();
    try (java.io.InputStream in = connection.getInputStream()) {
      return connection.getResponseCode() + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } finally {
      connection.disconnect();
    }
  }

  private String versions() throws IOException {
    StringBuilder out = new StringBuilder();
    Span span = tracer.spanBuilder("isolation-app-work").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      line(out, "pong", okHttpGet("http://127.0.0.1:" + port + "/pong"));
      line(out, "app.span.valid", String.valueOf(Span.current().getSpanContext().isValid()));
    } finally {
      span.end();
    }
    line(out, "opentelemetry.sdk.version",
        Resource.getDefault().getAttribute(AttributeKey.stringKey("telemetry.sdk.version")));
    line(out, "okhttp.version", okHttpVersion());
    for (String name : HIDDEN_AGENT_CLASSES) {
      line(out, "class." + name, lookUp(name));
    }
    line(out, "location.io.opentelemetry.sdk.OpenTelemetrySdk", location(OpenTelemetrySdk.class));
    line(out, "location.io.opentelemetry.api.trace.Span", location(Span.class));
    line(out, "location.okhttp3.OkHttpClient", location(OkHttpClient.class));
    return out.toString();
  }

  private String okHttpGet(String url) throws IOException {
    try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
      ResponseBody body = response.body();
      return response.code() + " " + (body == null ? "" : body.string().trim());
    }
  }

  /** Read reflectively: javac would inline the compile-time constant instead of asking the bundled class. */
  private static String okHttpVersion() {
    try {
      return String.valueOf(okhttp3.OkHttp.class.getField("VERSION").get(null));
    } catch (ReflectiveOperationException e) {
      return "error: " + e;
    }
  }

  private static String lookUp(String className) {
    try {
      Class<?> found = Class.forName(className);
      return "found in " + location(found);
    } catch (ClassNotFoundException e) {
      return "not found";
    } catch (LinkageError e) {
      return "error: " + e;
    }
  }

  /** The file a class was loaded from, or "bootstrap" / "unknown" when the class has no code source. */
  private static String location(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return type.getClassLoader() == null ? "bootstrap" : "unknown";
    }
    try {
      return Paths.get(source.getLocation().toURI()).toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return source.getLocation().toString();
    }
  }

  private static void line(StringBuilder out, String key, String value) {
    out.append(key).append('=').append(value).append('\n');
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
