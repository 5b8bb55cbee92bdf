package dev.sidecar.instrumentation.springwebmvc;

import dev.sidecar.bootstrap.http.HttpServerSpans;
import jakarta.servlet.http.HttpServletRequest;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code HandlerExecutionChain.applyPreHandle}: names the server span after the pattern
 * that matched. A controller's pattern is on the request once its handler is found; a URL mapping's
 * (static resources, {@code /**} in Spring Boot, view and status controllers) only once its own
 * interceptor has run, first in the chain: after it, both are there, whatever a later interceptor
 * answers or throws.
 */
final class PreHandleAdvice {
  private PreHandleAdvice() {}

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Argument(0) HttpServletRequest request) {
    // HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE
    Object pattern = request.getAttribute("org.springframework.web.servlet.HandlerMapping.bestMatchingPattern");
    if (pattern == null) {
      return;
    }
    String contextPath = request.getContextPath();
    HttpServerSpans.route(contextPath == null || contextPath.isEmpty()
        ? pattern.toString() : contextPath + pattern);
  }
}
