package dev.sidecar.instrumentation.springwebmvc;

import dev.sidecar.bootstrap.http.HttpServerSpans;
import jakarta.servlet.http.HttpServletRequest;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code DispatcherServlet.getHandler}: names the server span after the matched pattern. */
final class GetHandlerAdvice {
  private GetHandlerAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  static void exit(@Advice.Argument(0) HttpServletRequest request, @Advice.Return Object handler) {
    if (handler == null) {
      return;
    }
    // HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE; the catch-all of static resources says nothing.
    Object pattern = request.getAttribute("org.springframework.web.servlet.HandlerMapping.bestMatchingPattern");
    if (pattern == null || "/**".equals(pattern.toString())) {
      return;
    }
    String contextPath = request.getContextPath();
    HttpServerSpans.route(contextPath == null || contextPath.isEmpty()
        ? pattern.toString() : contextPath + pattern);
  }
}
