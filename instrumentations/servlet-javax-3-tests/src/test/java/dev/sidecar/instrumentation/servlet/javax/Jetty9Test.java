package dev.sidecar.instrumentation.servlet.javax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sidecar.bootstrap.http.ServerRoutes;
import dev.sidecar.testing.http.AbstractServletServerTest;
import java.util.EnumSet;
import javax.servlet.DispatcherType;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.Test;

/**
 * The servlet conformance suite against embedded Jetty 9.4, a Servlet 3.1 container, which tells no
 * mapping: the route comes from the request's paths ({@link Jetty9RoutesTest}), without a word in
 * the agent's log.
 */
class Jetty9Test extends AbstractServletServerTest {
  private Server server;

  @Override
  protected int startServer() throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    ServletHolder servlet = new ServletHolder(new ConformanceServlet());
    servlet.setAsyncSupported(true);
    context.addServlet(servlet, "/*");
    FilterHolder filter = new FilterHolder(new ConformanceServlet.PassThroughFilter());
    filter.setAsyncSupported(true);
    context.addFilter(filter, "/*", EnumSet.allOf(DispatcherType.class));
    ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
    errors.addErrorPage(404, "/error-page");
    context.setErrorHandler(errors);
    server.setHandler(context);
    server.start();
    return connector.getLocalPort();
  }

  @Override
  protected void stopServer() throws Exception {
    server.stop();
  }

  @Override
  protected String scopeName() {
    return "dev.sidecar.servlet";
  }

  /**
   * Under the 3.1 API the first request's question for a mapping fails, and the advice asks no more;
   * the 4.0 API's default method answers a mapping without a match, and the question stays.
   */
  @Test
  void theServletApiDecidesWhetherMappingsAreAskedFor() throws Exception {
    String traceId = newTraceId();
    assertEquals(200, send("GET", "/success", traceparent(traceId), null));
    assertEquals("GET /*", onlySpanOf(traceId).name());
    String api = System.getProperty("sidecar.test.servlet.api");
    assertEquals(api.equals("4.0"), ServerRoutes.servletMappings(), "mappings asked for under the " + api + " API");
  }
}
