package dev.sidecar.instrumentation.servlet.javax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidecar.testing.http.AbstractHttpServerTest;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

/**
 * What the advice reads from a request: a span's attributes for a sampled request only. The
 * container makes a new string of most values it is asked for, which an unsampled request
 * (its trace decided elsewhere) is spared.
 */
class AdviceReadsTest {
  /**
   * What the server span's attributes are read from, and nothing else asks for; the stub tells no
   * mapping, so the route comes from the servlet path and path info, as on Servlet 3.
   */
  private static final Set<String> ATTRIBUTE_READS = Set.of("getScheme", "getRequestURI", "getQueryString",
      "getProtocol", "getRemoteAddr", "getRemotePort", "getHeader Host", "getHeader User-Agent",
      "getHeader Forwarded", "getHeader X-Forwarded-For", "getHeader X-Forwarded-Proto",
      "getHeader X-Forwarded-Host", "getHttpServletMapping", "getServletPath", "getPathInfo");

  @Test
  void anUnsampledRequestIsReadForPropagationOnly() throws Exception {
    List<String> reads = serve(traceparent("00"));

    assertTrue(reads.containsAll(List.of("getMethod", "getHeader traceparent", "getHeader tracestate",
        "getHeader baggage")), "propagation needs these: " + reads);
    assertEquals(List.of(), reads.stream().filter(ATTRIBUTE_READS::contains).toList());
  }

  @Test
  void aSampledRequestIsReadForItsAttributes() throws Exception {
    List<String> reads = serve(traceparent("01"));

    assertTrue(reads.containsAll(ATTRIBUTE_READS), "every attribute's source: " + reads);
  }

  @Test
  void withoutATraceparentNoTracestateIsLookedUp() throws Exception {
    List<String> reads = serve(null);

    assertTrue(reads.contains("getHeader traceparent"), reads.toString());
    assertFalse(reads.contains("getHeader tracestate"), reads.toString());
  }

  @Test
  void aCallInsideTheRequestsSpanReadsNothing() throws Exception {
    List<String> reads = new ArrayList<>();
    HttpServletRequest request = recordingRequest(reads, traceparent("01"));
    HttpServlet inner = new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest req, HttpServletResponse resp) {}
    };
    List<String> innerReads = new ArrayList<>();
    new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        // As a filter calls the next one, or a servlet forwards: the outer call's span is current.
        int start = reads.size();
        inner.service((ServletRequest) req, (ServletResponse) resp);
        innerReads.addAll(reads.subList(start, reads.size()));
      }
    }.service(request, Stubs.response());

    // The servlet's own dispatch reads the method; the advice reads nothing.
    assertEquals(List.of("getMethod"), innerReads);
  }

  /** The reads, in order, of a GET request with {@code traceparent} served by an instrumented servlet. */
  private static List<String> serve(String traceparent) throws Exception {
    List<String> reads = new ArrayList<>();
    new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest req, HttpServletResponse resp) {}
    }.service(recordingRequest(reads, traceparent), Stubs.response());
    return reads;
  }

  /** A GET request with {@code traceparent} that adds to {@code reads} each call made to it. */
  private static HttpServletRequest recordingRequest(List<String> reads, String traceparent) {
    return (HttpServletRequest) Proxy.newProxyInstance(AdviceReadsTest.class.getClassLoader(),
        new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
          String name = method.getName();
          reads.add(name.equals("getHeader") ? name + " " + args[0] : name);
          switch (name) {
            case "getMethod":
              return "GET";
            case "getHeader":
              return "traceparent".equals(args[0]) ? traceparent : null;
            case "getRequestURI":
              return "/reads";
            case "getRemotePort":
              return 40000;
            default:
              return Stubs.plain(method.getReturnType());
          }
        });
  }

  /** A traceparent of a new trace, sampled or not as {@code flags} say. */
  private static String traceparent(String flags) {
    return "00-" + AbstractHttpServerTest.newTraceId() + "-00f067aa0ba902b7-" + flags;
  }
}
