package dev.sidecar.instrumentation.servlet.jakarta;

import dev.sidecar.testing.http.AbstractServletServerTest;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** The servlet conformance suite against embedded Jetty 12 (ee10, {@code jakarta.servlet} 6). */
class Jetty12Test extends AbstractServletServerTest {
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
}
