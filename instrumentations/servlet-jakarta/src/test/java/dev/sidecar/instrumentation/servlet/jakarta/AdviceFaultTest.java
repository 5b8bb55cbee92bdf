package dev.sidecar.instrumentation.servlet.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sidecar.testing.InstrumentedJvm;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A request whose own methods throw, passed to an instrumented servlet as a faulty request wrapper
 * would be: the advice's failure is counted, never seen by the application, and leaves no span
 * current on the thread, so the next request there is traced as usual.
 */
class AdviceFaultTest {

  @Test
  void aThrowingRequestCostsItsSpanOnlyAndLeavesNothingBehind() throws Exception {
    long before = InstrumentedJvm.agentErrors();
    AtomicInteger handled = new AtomicInteger();
    HttpServlet servlet = new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        handled.incrementAndGet();
      }
    };
    String sound = "/sound-" + System.nanoTime();

    servlet.service(request("/faulty-enter", "getScheme"), Stubs.response());
    servlet.service(request("/faulty-exit", "isAsyncStarted"), Stubs.response());
    servlet.service(request(sound, null), Stubs.response());

    assertEquals(3, handled.get(), "the application's servlet ran every time");
    assertEquals(before + 2, InstrumentedJvm.agentErrors(), "each fault counted once");
    InstrumentedJvm.receiver().awaitSpans(spans -> spans.stream().anyMatch(span -> sound.equals(span.attribute("url.path"))
        && span.parentSpanId().isEmpty()), Duration.ofSeconds(20));
  }

  /** A GET request for {@code path} whose method {@code failing} throws; other methods answer plainly. */
  private static HttpServletRequest request(String path, String failing) {
    return (HttpServletRequest) Proxy.newProxyInstance(AdviceFaultTest.class.getClassLoader(),
        new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
          String name = method.getName();
          if (name.equals(failing)) {
            throw new IllegalStateException(name + " fails");
          }
          switch (name) {
            case "getMethod":
              return "GET";
            case "getRequestURI":
              return path;
            case "getScheme":
              return "http";
            case "getProtocol":
              return "HTTP/1.1";
            case "getRemoteAddr":
              return "127.0.0.1";
            default:
              return Stubs.plain(method.getReturnType());
          }
        });
  }
}
