package dev.sidecar.instrumentation.servlet.javax;

import dev.sidecar.bootstrap.SpanRecord;
import dev.sidecar.bootstrap.http.HttpHeaderCapture;
import dev.sidecar.bootstrap.http.HttpServerSpans;
import dev.sidecar.bootstrap.http.ServerRoutes;
import javax.servlet.ServletContext;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletMapping;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.MappingMatch;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into every {@code Filter.doFilter} and {@code Servlet.service}. Only the outermost call
 * of a request owns its span: calls inside it (filters, servlets, forwards, includes) find the
 * span current on their thread and make no second one. A request that goes on after that call
 * returns (an error page, an async request) carries its span as a request attribute, which the
 * later dispatches find; others are spared the container's attribute map.
 */
final class ServletAdvice {
  private ServletAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static SpanRecord enter(@Advice.Argument(0) ServletRequest servletRequest) {
    if (!(servletRequest instanceof HttpServletRequest)) {
      return null;
    }
    // A call inside the request whose span is current (a filter, the servlet, a forward) makes no
    // span and reads nothing: most calls of a filter chain end here, before the container's
    // attribute lookup.
    if (!HttpServerSpans.wanted()) {
      return null;
    }
    HttpServletRequest request = (HttpServletRequest) servletRequest;
    Object existing = request.getAttribute(HttpServerSpans.REQUEST_ATTRIBUTE);
    if (existing != null) {
      return HttpServerSpans.resume(existing);
    }
    // The span starts on what sampling and propagation need. The rest is read for a sampled span
    // only: the container makes a new string of most values, which an unsampled request is spared.
    String method = request.getMethod();
    String traceparent = request.getHeader("traceparent");
    // Without a traceparent, a tracestate is ignored (W3C Trace Context): it is not looked up.
    String tracestate = traceparent != null ? request.getHeader("tracestate") : null;
    String baggage = request.getHeader("baggage");
    SpanRecord span = HttpServerSpans.start("dev.sidecar.servlet", method, traceparent, tracestate, baggage);
    if (span == null || !span.sampled()) {
      return span;
    }
    try {
      String scheme = request.getScheme();
      String path = request.getRequestURI();
      String query = request.getQueryString();
      String host = request.getHeader("Host");
      String protocol = request.getProtocol();
      String userAgent = request.getHeader("User-Agent");
      String peerAddress = request.getRemoteAddr();
      int peerPort = request.getRemotePort();
      HttpServerSpans.request(span, scheme, path, query, host, protocol, userAgent, null);
      HttpServerSpans.peer(span, peerAddress, peerPort);
      HttpServerSpans.forwarded(span, request.getHeader("Forwarded"), request.getHeader("X-Forwarded-For"),
          request.getHeader("X-Forwarded-Proto"), request.getHeader("X-Forwarded-Host"));
      // The servlet mapping the container matched is the route until a framework matches one; its
      // match is read through toString, the enum's name. The Servlet 3 API has no mappings (the first
      // request turns the question off) and a Servlet 3 container under the 4.0 API answers one
      // without a match: there the request's paths give the route where they tell a path mapping.
      String route = null;
      if (ServerRoutes.servletMappings()) {
        try {
          HttpServletMapping mapping = request.getHttpServletMapping();
          MappingMatch match = mapping != null ? mapping.getMappingMatch() : null;
          if (match != null) {
            route = ServerRoutes.servlet(request.getServletContext().getContextPath(), match.toString(),
                mapping.getPattern(),
                match == MappingMatch.DEFAULT || match == MappingMatch.EXTENSION ? request.getServletPath() : null,
                match == MappingMatch.PATH ? request.getPathInfo() : null);
          }
        } catch (LinkageError servlet3) {
          ServerRoutes.noServletMappings();
        }
      }
      if (route == null) {
        ServletContext context = request.getServletContext();
        route = ServerRoutes.pathMapping(context != null ? context.getContextPath() : null, request.getServletPath(),
            request.getPathInfo());
      }
      HttpServerSpans.serverRoute(span, route);
      String[] captured = HttpHeaderCapture.requestHeaders();
      for (int i = 0; i < captured.length; i++) {
        HttpServerSpans.requestHeader(span, i, request.getHeader(captured[i]));
      }
    } catch (Throwable t) {
      // A faulty request wrapper: the span is given up and nothing is left current on this thread;
      // the advice's suppression counts the failure.
      span.closeScope();
      throw t;
    }
    return span;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Argument(0) ServletRequest request, @Advice.Argument(1) ServletResponse servletResponse,
      @Advice.Enter SpanRecord span, @Advice.Thrown Throwable thrown) {
    if (span == null) {
      return;
    }
    int status = 0;
    boolean async = false;
    try {
      // An async request's response is written later, elsewhere: the span ends with it.
      async = thrown == null && request.isAsyncStarted();
      if (!async) {
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        String[] captured = HttpHeaderCapture.responseHeaders();
        for (int i = 0; i < captured.length; i++) {
          HttpServerSpans.responseHeader(span, i, response.getHeader(captured[i]));
        }
        status = response.getStatus();
        if (thrown != null || status >= 400) {
          // The container may dispatch to an error page next: that dispatch must find the span.
          request.setAttribute(HttpServerSpans.REQUEST_ATTRIBUTE, span);
        }
      }
    } finally {
      // The span's scope on this thread closes even if reading the request or response threw.
      if (async) {
        span.closeScope();
      } else {
        // An exception leaving the servlet becomes a 500 once the container handles it, after this exit.
        // Frameworks wrap the application's exception in a ServletException; the cause is what failed.
        Throwable error = thrown instanceof ServletException && thrown.getCause() != null ? thrown.getCause() : thrown;
        HttpServerSpans.end(span, thrown != null && status < 400 ? 500 : status, error);
      }
    }
  }
}
