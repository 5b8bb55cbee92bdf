package dev.sidecar.instrumentation.jdkhttpserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import dev.sidecar.testing.InstrumentedJvm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An exchange whose own methods throw, passed to the instrumented {@code Filter.Chain.doFilter}
 * as an application may: the advice's failure is counted, never seen by the application, and
 * leaves no span current on the thread, so the next request there is traced as usual.
 */
class AdviceFaultTest {

  @Test
  void aThrowingExchangeCostsItsSpanOnlyAndLeavesNothingBehind() throws Exception {
    long before = InstrumentedJvm.agentErrors();
    AtomicInteger handled = new AtomicInteger();
    Filter.Chain chain = new Filter.Chain(List.of(), exchange -> handled.incrementAndGet());
    String sound = "/sound-" + System.nanoTime();

    chain.doFilter(new FaultyExchange("/faulty-enter", true, false));
    chain.doFilter(new FaultyExchange("/faulty-exit", false, true));
    chain.doFilter(new FaultyExchange(sound, false, false));

    assertEquals(3, handled.get(), "the application's handler ran every time");
    assertEquals(before + 2, InstrumentedJvm.agentErrors(), "each fault counted once");
    InstrumentedJvm.receiver().awaitSpans(spans -> spans.stream().anyMatch(span -> sound.equals(span.attribute("url.path"))
        && span.parentSpanId().isEmpty()), Duration.ofSeconds(20));
  }

  /** Throws from {@code getProtocol} (read on enter) or {@code getResponseCode} (read on exit), as asked. */
  private static final class FaultyExchange extends HttpExchange {
    private final URI uri;
    private final boolean failOnEnter;
    private final boolean failOnExit;
    private final Headers requestHeaders = new Headers();
    private final Headers responseHeaders = new Headers();

    FaultyExchange(String path, boolean failOnEnter, boolean failOnExit) {
      this.uri = URI.create(path);
      this.failOnEnter = failOnEnter;
      this.failOnExit = failOnExit;
    }

    @Override
    public String getProtocol() {
      if (failOnEnter) {
        throw new IllegalStateException("no protocol");
      }
      return "HTTP/1.1";
    }

    @Override
    public int getResponseCode() {
      if (failOnExit) {
        throw new IllegalStateException("no response code");
      }
      return 200;
    }

    @Override
    public Headers getRequestHeaders() {
      return requestHeaders;
    }

    @Override
    public Headers getResponseHeaders() {
      return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
      return uri;
    }

    @Override
    public String getRequestMethod() {
      return "GET";
    }

    @Override
    public HttpContext getHttpContext() {
      return null;
    }

    @Override
    public void close() {
    }

    @Override
    public InputStream getRequestBody() {
      return new ByteArrayInputStream(new byte[0]);
    }

    @Override
    public OutputStream getResponseBody() {
      return new ByteArrayOutputStream();
    }

    @Override
    public void sendResponseHeaders(int code, long length) {
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
      return new InetSocketAddress("127.0.0.1", 40000);
    }

    @Override
    public InetSocketAddress getLocalAddress() {
      return new InetSocketAddress("127.0.0.1", 8080);
    }

    @Override
    public Object getAttribute(String name) {
      return null;
    }

    @Override
    public void setAttribute(String name, Object value) {
    }

    @Override
    public void setStreams(InputStream in, OutputStream out) {
    }

    @Override
    public HttpPrincipal getPrincipal() {
      return null;
    }
  }
}
