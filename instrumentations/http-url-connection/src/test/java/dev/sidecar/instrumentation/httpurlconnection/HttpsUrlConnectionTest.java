package dev.sidecar.instrumentation.httpurlconnection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.sidecar.testing.InstrumentedJvm;
import dev.sidecar.testing.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code https} URLs: the JDK's {@code HttpsURLConnectionImpl} wraps a second connection object
 * that does the work, and the call still makes one client span. The server is the JDK's HTTPS
 * server with a self-signed certificate made by the JDK's keytool for this run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpsUrlConnectionTest {
  private static final char[] PASSWORD = "changeit".toCharArray();
  private final Map<String, String> receivedTraceparents = new ConcurrentHashMap<>();
  private HttpsServer server;
  private SSLContext tls;
  private long agentErrorsBefore;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    InstrumentedJvm.receiver();
    agentErrorsBefore = InstrumentedJvm.agentErrors();
    tls = selfSigned(dir.resolve("server.p12"));
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/", exchange -> {
      receivedTraceparents.put(exchange.getRequestURI().getQuery(), String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
      exchange.sendResponseHeaders(200, 2);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write("ok".getBytes());
      }
    });
    server.start();
  }

  @AfterAll
  void stop() {
    server.stop(0);
    InstrumentedJvm.assertNoAgentErrors(agentErrorsBefore);
  }

  @Test
  void httpsCallMakesOneClientSpan() throws Exception {
    String id = UUID.randomUUID().toString();
    URL url = get(id);
    ReceivedSpan client = awaitClientSpan(url);
    assertEquals(Map.of(
        "http.request.method", "GET",
        "url.full", url.toString(),
        "server.address", "127.0.0.1",
        "server.port", String.valueOf(server.getAddress().getPort()),
        "network.protocol.version", "1.1",
        "http.response.status_code", "200"), client.attributesBesideThread());
    assertEquals("00-" + client.traceId() + "-" + client.spanId() + "-01", receivedTraceparents.get(id));
    InstrumentedJvm.awaitTrace(client.traceId(), 2);
    // Spans leave in the order they end: once a later call's span has arrived, a second client span
    // of the first call, had the wrapper made one, would have arrived too.
    awaitClientSpan(get(UUID.randomUUID().toString()));
    List<ReceivedSpan> trace = InstrumentedJvm.spansOf(client.traceId());
    assertEquals(1, trace.stream().filter(s -> s.kind() == Span.SpanKind.SPAN_KIND_CLIENT).count(), String.valueOf(trace));
    ReceivedSpan serverSpan = trace.stream().filter(s -> s.kind() == Span.SpanKind.SPAN_KIND_SERVER)
        .collect(Collectors.toList()).get(0);
    assertEquals(client.spanId(), serverSpan.parentSpanId());
  }

  private URL get(String id) throws Exception {
    URL url = new URL("https://127.0.0.1:" + server.getAddress().getPort() + "/secure?" + id);
    HttpsURLConnection connection = (HttpsURLConnection) url.openConnection();
    connection.setSSLSocketFactory(tls.getSocketFactory());
    assertEquals(200, connection.getResponseCode());
    try (InputStream body = connection.getInputStream()) {
      body.readAllBytes();
    }
    return url;
  }

  private static ReceivedSpan awaitClientSpan(URL url) {
    return InstrumentedJvm.awaitSpan(s -> s.kind() == Span.SpanKind.SPAN_KIND_CLIENT
        && url.toString().equals(s.attribute("url.full")), "client span for " + url);
  }

  private static SSLContext selfSigned(Path keystore) throws Exception {
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
        "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
        "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
        .redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes());
    assertEquals(0, keytool.waitFor(), output);
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      keys.load(in, PASSWORD);
    }
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, PASSWORD);
    TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(keys);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
    return context;
  }
}
