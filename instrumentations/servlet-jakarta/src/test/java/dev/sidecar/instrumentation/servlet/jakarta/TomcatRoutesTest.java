package dev.sidecar.instrumentation.servlet.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sidecar.testing.InstrumentedJvm;
import dev.sidecar.testing.ReceivedSpan;
import dev.sidecar.testing.TempDirectories;
import dev.sidecar.testing.http.PlainHttp;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A plain servlet's span is named after the mapping Tomcat matched, under its context's path, as
 * the OpenTelemetry agent names it: one servlet per kind of mapping, in the context {@code /shop}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TomcatRoutesTest {
  private Tomcat tomcat;
  private Path base;
  private int port;

  @BeforeAll
  void start() throws Exception {
    InstrumentedJvm.receiver();
    base = Files.createTempDirectory("tomcat-routes");
    tomcat = new Tomcat();
    tomcat.setBaseDir(base.toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("/shop", base.toString());
    map(context, "exact", "/hello");
    map(context, "path", "/api/*");
    map(context, "extension", "*.do");
    map(context, "default", "/");
    tomcat.start();
    port = connector.getLocalPort();
  }

  private static void map(Context context, String name, String pattern) {
    Tomcat.addServlet(context, name, new OkServlet());
    context.addServletMappingDecoded(pattern, name);
  }

  @AfterAll
  void stop() throws Exception {
    tomcat.stop();
    tomcat.destroy();
    TempDirectories.deleteTomcatBase(base);
  }

  @Test
  void exactMapping() throws Exception {
    assertRoute("/shop/hello", "/shop/hello");
  }

  @Test
  void pathMapping() throws Exception {
    assertRoute("/shop/api/users/7?expand=true", "/shop/api/*");
    assertRoute("/shop/api", "/shop/api/*");
  }

  @Test
  void extensionMapping() throws Exception {
    assertRoute("/shop/cart/save.do", "/shop/*.do");
  }

  @Test
  void defaultServlet() throws Exception {
    assertRoute("/shop/style.css", "/shop/*");
    assertRoute("/shop/", "/shop/");
  }

  private void assertRoute(String pathAndQuery, String route) throws Exception {
    String traceId = String.format("%016x%016x", ThreadLocalRandom.current().nextLong() | 1,
        ThreadLocalRandom.current().nextLong() | 1);
    assertEquals(200, PlainHttp.send(port, "GET", pathAndQuery,
        Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")));
    ReceivedSpan span = InstrumentedJvm.awaitTrace(traceId, 1).get(0);
    assertEquals("GET " + route, span.name(), pathAndQuery);
    assertEquals(route, span.attribute("http.route"), pathAndQuery);
  }

  private static final class OkServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      response.setContentType("text/plain");
      response.getWriter().write("ok");
    }
  }
}
