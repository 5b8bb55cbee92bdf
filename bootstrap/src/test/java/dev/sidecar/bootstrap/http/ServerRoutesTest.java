package dev.sidecar.bootstrap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sidecar.bootstrap.CurrentSpan;
import dev.sidecar.bootstrap.Handoff;
import dev.sidecar.bootstrap.SpanRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServerRoutesTest {
  @BeforeEach
  void freshState() {
    Handoff.configure(64, 64);
    CurrentSpan.set(null);
  }

  @AfterEach
  void restore() {
    CurrentSpan.set(null);
  }

  @Test
  void exactMappingIsItsPattern() {
    assertEquals("/hello", ServerRoutes.servlet("", "EXACT", "/hello", null, null));
  }

  @Test
  void pathMappingKeepsItsWildcard() {
    assertEquals("/api/*", ServerRoutes.servlet("", "PATH", "/api/*", null, "/users/7"));
    assertEquals("/api/*", ServerRoutes.servlet("", "PATH", "/api/*", null, null));
  }

  @Test
  void catchAllMappingIsTheRootAtTheRootOnly() {
    assertEquals("/*", ServerRoutes.servlet("", "PATH", "/*", null, "/success"));
    assertEquals("/", ServerRoutes.servlet("", "PATH", "/*", null, "/"));
    assertEquals("/", ServerRoutes.servlet("", "PATH", "/*", null, null));
  }

  @Test
  void defaultServletIsTheRootAtTheRootOnly() {
    assertEquals("/*", ServerRoutes.servlet("", "DEFAULT", "/", "/style.css", null));
    assertEquals("/", ServerRoutes.servlet("", "DEFAULT", "/", "/", null));
    assertEquals("/", ServerRoutes.servlet("", "CONTEXT_ROOT", "", null, null));
  }

  @Test
  void aJspIsItsOwnRouteOtherExtensionsTheirMapping() {
    assertEquals("/index.jsp", ServerRoutes.servlet("", "EXTENSION", "*.jsp", "/index.jsp", null));
    assertEquals("/*.do", ServerRoutes.servlet("", "EXTENSION", "*.do", "/save.do", null));
  }

  @Test
  void theContextPathComesFirst() {
    assertEquals("/shop/hello", ServerRoutes.servlet("/shop", "EXACT", "/hello", null, null));
    assertEquals("/shop/", ServerRoutes.servlet("/shop", "CONTEXT_ROOT", "", null, null));
    assertEquals("/hello", ServerRoutes.servlet("/", "EXACT", "/hello", null, null));
  }

  @Test
  void anUnknownMappingIsNoRoute() {
    assertNull(ServerRoutes.servlet("", null, "", null, null));
    assertNull(ServerRoutes.servlet("", "SOMETHING_NEW", "/x", null, null));
  }

  @Test
  void withoutAMappingAPathInfoTellsAPathMapping() {
    assertEquals("/api/*", ServerRoutes.pathMapping("", "/api", "/orders/7"));
    assertEquals("/shop/api/*", ServerRoutes.pathMapping("/shop", "/api", "/"));
    assertEquals("/*", ServerRoutes.pathMapping("", "", "/success"));
    assertEquals("/", ServerRoutes.pathMapping("", "", "/"));
    assertEquals("/", ServerRoutes.pathMapping("", "", null));
    assertEquals("/shop/", ServerRoutes.pathMapping("/shop", "", "/"));
  }

  @Test
  void withoutAMappingOrAPathInfoThereIsNoRoute() {
    // An exact mapping, an extension or the default servlet: the request does not say which.
    assertNull(ServerRoutes.pathMapping("", "/hello", null));
    assertNull(ServerRoutes.pathMapping("/shop", "/index.do", null));
  }

  @Test
  void aContextsPathIsItsRoute() {
    assertEquals("/", ServerRoutes.context("/"));
    assertEquals("/api/", ServerRoutes.context("/api/"));
    assertNull(ServerRoutes.context(null));
  }

  @Test
  void theServerRouteNamesTheSpanAndAFrameworkRouteReplacesIt() {
    SpanRecord span = HttpServerSpans.start("test", "GET", null, null, null);
    HttpServerSpans.serverRoute(span, "/*");
    assertEquals("GET /*", span.name());
    assertEquals("/*", span.attribute(HttpAttributes.HTTP_ROUTE));
    HttpServerSpans.route("/owners/{ownerId}");
    assertEquals("GET /owners/{ownerId}", span.name());
    assertEquals("/owners/{ownerId}", span.attribute(HttpAttributes.HTTP_ROUTE));
    span.closeScope();
  }

  @Test
  void anUnknownMethodsRouteIsNamedHttp() {
    SpanRecord span = HttpServerSpans.start("test", "FOO", null, null, null);
    HttpServerSpans.serverRoute(span, "/hello");
    assertEquals("HTTP /hello", span.name());
    span.closeScope();
  }

  @Test
  void noRouteLeavesTheMethodsName() {
    SpanRecord span = HttpServerSpans.start("test", "GET", null, null, null);
    HttpServerSpans.serverRoute(span, null);
    assertEquals("GET", span.name());
    assertNull(span.attribute(HttpAttributes.HTTP_ROUTE));
    span.closeScope();
  }
}
