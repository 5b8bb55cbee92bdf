package dev.sidecar.instrumentation.apachehttpclient5;

import dev.sidecar.testing.http.AbstractHttpClientTest;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.AfterAll;

/**
 * The HTTP client conformance suite against Apache HttpClient 5 (classic), as
 * {@code HttpClients.custom().build()} makes it: it follows redirects and retries a 503 once.
 */
class ApacheHttpClient5Test extends AbstractHttpClientTest {
  private final CloseableHttpClient client = HttpClients.custom()
      .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(10, TimeUnit.SECONDS).build())
      .build();

  @AfterAll
  void closeClient() throws Exception {
    client.close();
  }

  @Override
  protected int get(URI uri) throws Exception {
    return client.execute(new HttpGet(uri), response -> {
      EntityUtils.consume(response.getEntity());
      return response.getCode();
    });
  }

  @Override
  protected int get(URI uri, Duration timeout) throws Exception {
    HttpGet request = new HttpGet(uri);
    request.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(timeout)).build());
    return client.execute(request, response -> {
      EntityUtils.consume(response.getEntity());
      return response.getCode();
    });
  }

  @Override
  protected String scopeName() {
    return "dev.sidecar.apache-httpclient";
  }

  @Override
  protected Class<? extends Throwable> connectionRefusedException() {
    return HttpHostConnectException.class;
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
    return Redirects.SPAN_PER_SEND;
  }

  @Override
  protected boolean sendsUserInfo() {
    return false;
  }

  @Override
  protected boolean retriesUnavailable() {
    return true;
  }
}
