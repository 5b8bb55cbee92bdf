package dev.sidecar.instrumentation.springwebmvc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sidecar.testing.TempDirectories;
import dev.sidecar.testing.InstrumentedJvm;
import dev.sidecar.testing.ReceivedSpan;
import dev.sidecar.testing.http.PlainHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Routes from a real Spring MVC 6 DispatcherServlet in embedded Tomcat 10.1. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringWebMvcRouteTest {
  private Tomcat tomcat;
  private Path base;
  private int port;
  private long agentErrorsBefore;

  @BeforeAll
  void start() throws Exception {
    InstrumentedJvm.receiver();
    agentErrorsBefore = InstrumentedJvm.agentErrors();
    base = Files.createTempDirectory("spring-webmvc");
    tomcat = new Tomcat();
    tomcat.setBaseDir(base.toString());
    Connector connector = new Connector();
    connector.setPort(0);
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", base.toString());
    AnnotationConfigWebApplicationContext spring = new AnnotationConfigWebApplicationContext();
    spring.register(WebConfig.class);
    Tomcat.addServlet(context, "dispatcher", new DispatcherServlet(spring));
    context.addServletMappingDecoded("/", "dispatcher");
    tomcat.start();
    port = connector.getLocalPort();
  }

  @AfterAll
  void stop() throws Exception {
    tomcat.stop();
    tomcat.destroy();
    TempDirectories.deleteTomcatBase(base);
    InstrumentedJvm.assertNoAgentErrors(agentErrorsBefore);
  }

  @Test
  void aRoutedRequestIsNamedByItsPattern() throws Exception {
    ReceivedSpan span = serverSpanOf("/owners/7", 200);
    assertRoute("/owners/{ownerId}", span);
    assertEquals("/owners/7", span.attribute("url.path"));
  }

  @Test
  void theMostSpecificPatternWins() throws Exception {
    ReceivedSpan span = serverSpanOf("/owners/7/pets/3", 200);
    assertRoute("/owners/{ownerId}/pets/{petId}", span);
  }

  @Test
  void anUnroutedRequestKeepsTheServletsRoute() throws Exception {
    // The DispatcherServlet is the default servlet ("/"): without a handler, its mapping is the route.
    ReceivedSpan span = serverSpanOf("/nowhere", 404);
    assertRoute("/*", span);
  }

  @Test
  void aStaticResourceIsNamedByItsHandlersPattern() throws Exception {
    // A URL mapping's pattern reaches the request in its interceptor, after the handler is found.
    ReceivedSpan span = serverSpanOf("/static/hello.txt", 200);
    assertRoute("/static/**", span);
    assertEquals("/static/hello.txt", span.attribute("url.path"));
  }

  @Test
  void aMissingResourceUnderTheResourcePatternIsNamedByIt() throws Exception {
    // Spring Boot's catch-all resource handler (/**) makes every unrouted path one of these: GET /**.
    ReceivedSpan span = serverSpanOf("/static/missing.txt", 404);
    assertRoute("/static/**", span);
  }

  @Test
  void aStatusControllersPathIsItsRoute() throws Exception {
    ReceivedSpan span = serverSpanOf("/retired", 410);
    assertRoute("/retired", span);
  }

  /** The span is named after {@code route}, which is its {@code http.route}. */
  private static void assertRoute(String route, ReceivedSpan span) {
    assertEquals("GET " + route, span.name());
    assertEquals(route, span.attribute("http.route"));
  }

  private ReceivedSpan serverSpanOf(String path, int status) throws Exception {
    String traceId = String.format("%016x%016x", ThreadLocalRandom.current().nextLong() | 1, 7L);
    assertEquals(status, PlainHttp.send(port, "GET", path, Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")));
    List<ReceivedSpan> spans = InstrumentedJvm.awaitTrace(traceId, 1);
    assertEquals(1, spans.size(), spans::toString);
    assertEquals(String.valueOf(status), spans.get(0).attribute("http.response.status_code"));
    return spans.get(0);
  }

  @Configuration
  @EnableWebMvc
  static class WebConfig implements WebMvcConfigurer {
    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
      registry.addResourceHandler("/static/**").addResourceLocations("classpath:/static/");
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
      registry.addStatusController("/retired", HttpStatus.GONE);
    }

    @RestController
    static class OwnerController {
      @GetMapping("/owners/{ownerId}")
      String owner(@PathVariable("ownerId") String ownerId) {
        return "owner " + ownerId;
      }

      @GetMapping("/owners/{ownerId}/pets/{petId}")
      String pet(@PathVariable("ownerId") String ownerId, @PathVariable("petId") String petId) {
        return "pet " + petId + " of " + ownerId;
      }
    }
  }
}
