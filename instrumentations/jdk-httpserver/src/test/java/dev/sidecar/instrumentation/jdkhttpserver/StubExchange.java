package dev.sidecar.instrumentation.jdkhttpserver;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A GET exchange made in the test, for {@code Filter.Chain.doFilter} to be called with directly:
 * it notes which of the request's getters were called, and throws from {@code getProtocol} (read
 * on enter) or {@code getResponseCode} (read on exit) when asked to.
 */
final class StubExchange extends HttpExchange {
  private final URI uri;
  private final Headers requestHeaders = new Headers();
  private final Headers responseHeaders = new Headers();
  private final List<String> reads = new ArrayList<>();
  private boolean failOnEnter;
  private boolean failOnExit;

  StubExchange(String path) {
    this.uri = URI.create(path);
  }

  StubExchange failingOnEnter() {
    failOnEnter = true;
    return this;
  }

  StubExchange failingOnExit() {
    failOnExit = true;
    return this;
  }

  StubExchange header(String name, String value) {
    requestHeaders.add(name, value);
    return this;
  }

  /** The getters of the request called so far, in order. */
  List<String> reads() {
    return reads;
  }

  @Override
  public String getProtocol() {
    reads.add("getProtocol");
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
    reads.add("getRequestHeaders");
    return requestHeaders;
  }

  @Override
  public Headers getResponseHeaders() {
    return responseHeaders;
  }

  @Override
  public URI getRequestURI() {
    reads.add("getRequestURI");
    return uri;
  }

  @Override
  public String getRequestMethod() {
    reads.add("getRequestMethod");
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
    reads.add("getRemoteAddress");
    return new InetSocketAddress("127.0.0.1", 40000);
  }

  @Override
  public InetSocketAddress getLocalAddress() {
    reads.add("getLocalAddress");
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
