package dev.sidecar.benchmarks.wholeprocess.apps;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * Hello world on embedded Tomcat: a servlet answers {@code GET /hello} with a short body and logs
 * one INFO record (none with {@code -Dhello.logs=false}), after the work {@link RequestWork} asks
 * for. Usage: {@code java -jar tomcat-hello.jar PORT [BASE_DIR]}. Prints nothing per request
 * (Tomcat's own start-up lines go to {@code java.util.logging}, which has no handler here).
 */
public final class TomcatHelloApp {
  private static final boolean LOGS = QuietLogging.perRequest();
  private static final Logger LOG = Logger.getLogger(TomcatHelloApp.class.getName());
  private static final byte[] BODY = "Hello, world!\n".getBytes(StandardCharsets.US_ASCII);

  private TomcatHelloApp() {}

  public static void main(String[] args) throws IOException, LifecycleException {
    QuietLogging.install();
    int port = Integer.parseInt(args[0]);
    Path baseDir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("tomcat-hello");
    Files.createDirectories(baseDir);

    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.toString());
    tomcat.setPort(port);
    Connector connector = tomcat.getConnector();
    connector.setProperty("address", "127.0.0.1");
    // Tomcat closes a keep-alive connection after 100 requests by default; the load keeps its connections.
    connector.setProperty("maxKeepAliveRequests", "-1");
    Context context = tomcat.addContext("", null);
    Tomcat.addServlet(context, "hello", new HelloServlet());
    context.addServletMappingDecoded("/hello", "hello");
    tomcat.start();
  }

  private static final class HelloServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      RequestWork.perRequest();
      if (LOGS) {
        LOG.info("hello served");
      }
      response.setContentType("text/plain");
      response.setContentLength(BODY.length);
      response.getOutputStream().write(BODY);
    }
  }
}
