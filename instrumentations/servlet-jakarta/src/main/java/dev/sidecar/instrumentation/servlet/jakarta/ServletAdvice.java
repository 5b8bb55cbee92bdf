package dev.sidecar.instrumentation.servlet.jakarta;

import dev.sidecar.bootstrap.SpanRecord;
import dev.sidecar.bootstrap.http.HttpHeaderCapture;
import dev.sidecar.bootstrap.http.HttpServerSpans;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into every {@code Filter.doFilter} and {@code Servlet.service}. Only the outermost call
 * of a request owns its span; the span rides on the request as an attribute, so forwards,
 * includes, nested servlets and error dispatches find it and make no second one.
 */
final class ServletAdvice {
  private ServletAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static SpanRecord enter(@Advice.Argument(0) ServletRequest servletRequest) {
    if (!(servletRequest instanceof HttpServletRequest)) {
      return null;
    }
    HttpServletRequest request = (HttpServletRequest) servletRequest;
    Object existing = request.getAttribute(HttpServerSpans.REQUEST_ATTRIBUTE);
    if (existing != null) {
      return HttpServerSpans.resume(existing);
    }
    if (!HttpServerSpans.wanted()) {
      return null;
    }
    SpanRecord span = HttpServerSpans.start("dev.sidecar.servlet", request.getMethod(),
        request.getHeader("traceparent"), request.getHeader("tracestate"), request.getHeader("baggage"));
    request.setAttribute(HttpServerSpans.REQUEST_ATTRIBUTE, span);
    HttpServerSpans.request(span, request.getScheme(), request.getRequestURI(), request.getQueryString(),
        request.getHeader("Host"), request.getProtocol(), request.getHeader("User-Agent"), null);
    HttpServerSpans.peer(span, request.getRemoteAddr(), request.getRemotePort());
    HttpServerSpans.forwarded(span, request.getHeader("Forwarded"), request.getHeader("X-Forwarded-For"),
        request.getHeader("X-Forwarded-Proto"), request.getHeader("X-Forwarded-Host"));
    String[] captured = HttpHeaderCapture.requestHeaders();
    for (int i = 0; i < captured.length; i++) {
      HttpServerSpans.requestHeader(span, i, request.getHeader(captured[i]));
    }
    return span;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Argument(0) ServletRequest request, @Advice.Argument(1) ServletResponse servletResponse,
      @Advice.Enter SpanRecord span, @Advice.Thrown Throwable thrown) {
    if (span == null) {
      return;
    }
    if (thrown == null && request.isAsyncStarted()) {
      // The response is written later, elsewhere: the span ends with it.
      span.closeScope();
      return;
    }
    HttpServletResponse response = (HttpServletResponse) servletResponse;
    String[] captured = HttpHeaderCapture.responseHeaders();
    for (int i = 0; i < captured.length; i++) {
      HttpServerSpans.responseHeader(span, i, response.getHeader(captured[i]));
    }
    // An exception leaving the servlet becomes a 500 once the container handles it, after this exit.
    int status = response.getStatus();
    // Frameworks wrap the application's exception in a ServletException; the cause is what failed.
    Throwable error = thrown instanceof ServletException && thrown.getCause() != null ? thrown.getCause() : thrown;
    HttpServerSpans.end(span, thrown != null && status < 400 ? 500 : status, error);
  }
}
