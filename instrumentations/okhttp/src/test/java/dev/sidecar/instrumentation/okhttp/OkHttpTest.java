package dev.sidecar.instrumentation.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sidecar.testing.http.AbstractHttpClientTest;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * The HTTP client conformance suite against OkHttp's {@code Call.execute}. The module's build runs
 * it twice: with OkHttp 4.x, and with 3.x in its place ({@code sidecar.test.okhttp.major}).
 */
class OkHttpTest extends AbstractHttpClientTest {
  final OkHttpClient client = new OkHttpClient.Builder().readTimeout(10, TimeUnit.SECONDS).build();

  @Override
  protected int get(URI uri) throws Exception {
    return execute(client, uri);
  }

  @Override
  protected int get(URI uri, Duration timeout) throws Exception {
    return execute(client.newBuilder().readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).build(), uri);
  }

  int execute(OkHttpClient okHttp, URI uri) throws Exception {
    try (Response response = okHttp.newCall(new Request.Builder().url(uri.toString()).build()).execute()) {
      return response.code();
    }
  }

  @Override
  protected String scopeName() {
    return "dev.sidecar.okhttp";
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
    return Redirects.SPAN_PER_SEND;
  }

  @Override
  protected boolean retriesUnavailable() {
    return true;
  }

  @Test
  void runsTheOkHttpLineTheBuildChose() {
    String major = System.getProperty("sidecar.test.okhttp.major", "4");
    assertEquals(major, isPresent("okhttp3.OkHttp") ? "4" : isPresent("okhttp3.internal.Version") ? "3" : "?");
  }

  private static boolean isPresent(String className) {
    try {
      Class.forName(className, false, OkHttpClient.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
