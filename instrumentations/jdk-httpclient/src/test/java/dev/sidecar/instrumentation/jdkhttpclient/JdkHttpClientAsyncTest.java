package dev.sidecar.instrumentation.jdkhttpclient;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutionException;

/** The same suite through {@code sendAsync}: the span ends when the response future completes. */
class JdkHttpClientAsyncTest extends JdkHttpClientTest {
  @Override
  protected int get(URI uri) throws Exception {
    try {
      return client.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding())
          .get().statusCode();
    } catch (ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }
}
