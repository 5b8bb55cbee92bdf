package dev.sidecar.instrumentation.servlet.javax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sidecar.testing.InstrumentedJvm;
import dev.sidecar.testing.ReceivedSpan;
import dev.sidecar.testing.http.AbstractHttpServerTest;
import dev.sidecar.testing.http.PlainHttp;
import java.io.IOException;
import java.util.Map;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * On Servlet 3.1, which tells no mapping, a path mapping is the route (the request's path info
 * gives it away); an exact, extension or default mapping leaves the span named after the method.
 * One servlet per kind of mapping, in the context {@code /shop}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Jetty9RoutesTest {
  private Server server;
  private int port;

  @BeforeAll
  void start() throws Exception {
    InstrumentedJvm.receiver();
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/shop");
    for (String pattern : new String[] {"/hello", "/api/*", "*.do", "/"}) {
      context.addServlet(new ServletHolder(new OkServlet()), pattern);
    }
    server.setHandler(context);
    server.start();
    port = connector.getLocalPort();
  }

  @AfterAll
  void stop() throws Exception {
    server.stop();
  }

  @Test
  void pathMappingIsTheRoute() throws Exception {
    assertSpan("/shop/api/users/7?expand=true", "GET /shop/api/*", "/shop/api/*");
    assertSpan("/shop/api/", "GET /shop/api/*", "/shop/api/*");
  }

  @Test
  void aPathMappingsBarePrefixIsNotTold() throws Exception {
    // "/shop/api" matches "/api/*" with no path info, as an exact mapping "/api" would.
    assertSpan("/shop/api", "GET", null);
  }

  @Test
  void exactExtensionAndDefaultMappingsAreNotTold() throws Exception {
    assertSpan("/shop/hello", "GET", null);
    assertSpan("/shop/cart/save.do", "GET", null);
    assertSpan("/shop/style.css", "GET", null);
    assertSpan("/shop/", "GET", null);
  }

  private void assertSpan(String pathAndQuery, String name, String route) throws Exception {
    String traceId = AbstractHttpServerTest.newTraceId();
    assertEquals(200, PlainHttp.send(port, "GET", pathAndQuery,
        Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")));
    ReceivedSpan span = InstrumentedJvm.awaitTrace(traceId, 1).get(0);
    assertEquals(name, span.name(), pathAndQuery);
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
