package dev.sidecar.instrumentation.httpurlconnection;

import dev.sidecar.testing.http.AbstractHttpClientTest;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * The HTTP client conformance suite against {@code java.net.HttpURLConnection}, the way most code
 * uses it: {@code getResponseCode}, then the body or the error stream.
 */
class HttpUrlConnectionTest extends AbstractHttpClientTest {
  @Override
  protected int get(URI uri) throws Exception {
    return get(uri, Duration.ofSeconds(10));
  }

  @Override
  protected int get(URI uri, Duration timeout) throws Exception {
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    connection.setConnectTimeout((int) timeout.toMillis());
    connection.setReadTimeout((int) timeout.toMillis());
    int status = connection.getResponseCode();
    try (InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
      if (body != null) {
        body.readAllBytes();
      }
    }
    return status;
  }

  @Override
  protected String scopeName() {
    return "dev.sidecar.http-url-connection";
  }

  @Override
  protected Class<? extends Throwable> connectionRefusedException() {
    return ConnectException.class;
  }

  @Override
  protected Class<? extends Throwable> unknownHostException() {
    return UnknownHostException.class;
  }

  @Override
  protected Class<? extends Throwable> timeoutException() {
    return SocketTimeoutException.class;
  }

  @Override
  protected Redirects redirects() {
    return Redirects.ONE_SPAN;
  }
}
