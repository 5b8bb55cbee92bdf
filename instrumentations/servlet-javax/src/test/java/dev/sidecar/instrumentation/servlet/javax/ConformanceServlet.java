package dev.sidecar.instrumentation.servlet.javax;

import dev.sidecar.testing.http.HandlingThreads;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.servlet.AsyncContext;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** The routes of the servlet conformance suite, for any javax container. */
final class ConformanceServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
    // During an include the request still reports the outer URI; the included one is an attribute.
    Object included = request.getAttribute("javax.servlet.include.request_uri");
    switch (included != null ? included.toString() : request.getRequestURI()) {
      case "/success":
        HandlingThreads.record(request.getHeader("traceparent"));
        response.setHeader("X-Response-Id", "r1");
        response.getWriter().print("ok");
        break;
      case "/error":
        response.setStatus(500);
        break;
      case "/exception":
        throw new IllegalStateException("boom");
      case "/wrapped-exception":
        throw new ServletException(new IllegalStateException("wrapped"));
      case "/forward":
        request.getRequestDispatcher("/success").forward(request, response);
        break;
      case "/include":
        request.getRequestDispatcher("/success").include(request, response);
        break;
      case "/send-error":
        response.sendError(404);
        break;
      case "/error-page":
        response.getWriter().print("custom error page");
        break;
      case "/async": {
        AsyncContext async = request.startAsync();
        CompletableFuture.runAsync(() -> {
          ((HttpServletResponse) async.getResponse()).setStatus(201);
          async.complete();
        }, CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));
        break;
      }
      case "/async-complete-now": {
        // Completed before service() returns: the container finishes the response only after it.
        AsyncContext async = request.startAsync();
        ((HttpServletResponse) async.getResponse()).setStatus(202);
        async.complete();
        break;
      }
      case "/async-dispatch": {
        AsyncContext async = request.startAsync();
        CompletableFuture.runAsync(() -> async.dispatch("/success"));
        break;
      }
      default:
        response.setStatus(404);
    }
  }

  /** A user filter in front of the servlet: another doFilter call that must make no span. */
  static final class PassThroughFilter implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      chain.doFilter(request, response);
    }

    @Override
    public void init(javax.servlet.FilterConfig config) {}

    @Override
    public void destroy() {}
  }
}
