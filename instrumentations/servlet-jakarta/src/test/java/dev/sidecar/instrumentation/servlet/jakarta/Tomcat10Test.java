package dev.sidecar.instrumentation.servlet.jakarta;

import dev.sidecar.testing.TempDirectories;
import dev.sidecar.testing.http.AbstractServletServerTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ErrorPage;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/** The servlet conformance suite against embedded Tomcat 10.1 ({@code jakarta.servlet}). */
class Tomcat10Test extends AbstractServletServerTest {
  private Tomcat tomcat;
  private Path base;

  @Override
  protected int startServer() throws Exception {
    base = Files.createTempDirectory("tomcat10");
    tomcat = new Tomcat();
    tomcat.setBaseDir(base.toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", base.toString());
    Wrapper servlet = Tomcat.addServlet(context, "conformance", new ConformanceServlet());
    servlet.setAsyncSupported(true);
    context.addServletMappingDecoded("/*", "conformance");
    FilterDef filter = new FilterDef();
    filter.setFilterName("pass-through");
    filter.setFilter(new ConformanceServlet.PassThroughFilter());
    filter.setAsyncSupported("true");
    context.addFilterDef(filter);
    FilterMap mapping = new FilterMap();
    mapping.setFilterName("pass-through");
    mapping.addURLPattern("/*");
    context.addFilterMap(mapping);
    ErrorPage notFound = new ErrorPage();
    notFound.setErrorCode(404);
    notFound.setLocation("/error-page");
    context.addErrorPage(notFound);
    tomcat.start();
    return connector.getLocalPort();
  }

  @Override
  protected void stopServer() throws Exception {
    tomcat.stop();
    tomcat.destroy();
    TempDirectories.deleteTomcatBase(base);
  }

  @Override
  protected String scopeName() {
    return "dev.sidecar.servlet";
  }
}
