package dev.sidecar.instrumentation.jdkhttpclient;

import dev.sidecar.testing.http.AbstractHttpClientTest;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The HTTP client conformance suite against {@code java.net.http.HttpClient.send}. */
class JdkHttpClientTest extends AbstractHttpClientTest {
  final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Override
  protected int get(URI uri) throws Exception {
    return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Override
  protected String scopeName() {
    return "dev.sidecar.java-http-client";
  }

  @Override
  protected Class<? extends Throwable> connectionRefusedException() {
    return ConnectException.class;
  }
}
