package dev.sidecar.instrumentation.apachehttpclient4;

import dev.sidecar.testing.http.AbstractHttpClientTest;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.conn.HttpHostConnectException;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.DefaultServiceUnavailableRetryStrategy;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;
import org.junit.jupiter.api.AfterAll;

/**
 * The HTTP client conformance suite against Apache HttpClient 4.5, built with
 * {@code HttpClients.custom()}: it follows redirects, and the test has it retry a 503 once.
 */
class ApacheHttpClient4Test extends AbstractHttpClientTest {
  private final CloseableHttpClient client = HttpClients.custom()
      .setDefaultRequestConfig(RequestConfig.custom().setConnectTimeout(10_000).setSocketTimeout(10_000).build())
      .setServiceUnavailableRetryStrategy(new DefaultServiceUnavailableRetryStrategy(1, 1))
      .build();

  @AfterAll
  void closeClient() throws Exception {
    client.close();
  }

  @Override
  protected int get(URI uri) throws Exception {
    return execute(new HttpGet(uri));
  }

  @Override
  protected int get(URI uri, Duration timeout) throws Exception {
    HttpGet request = new HttpGet(uri);
    request.setConfig(RequestConfig.custom().setSocketTimeout((int) timeout.toMillis()).build());
    return execute(request);
  }

  private int execute(HttpGet request) throws Exception {
    try (CloseableHttpResponse response = client.execute(request)) {
      EntityUtils.consume(response.getEntity());
      return response.getStatusLine().getStatusCode();
    }
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
  protected boolean retriesUnavailable() {
    return true;
  }
}
