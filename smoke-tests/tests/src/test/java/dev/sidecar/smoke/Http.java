package dev.sidecar.smoke;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Requests from the test JVM to the apps. The test JVM runs without the agent, so this client is not
 * instrumented: it sends exactly the headers a test gives.
 */
final class Http {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();

  private Http() {}

  /** The {@code User-Agent} this client sends. */
  static String userAgent() {
    return "Java-http-client/" + System.getProperty("java.version");
  }

  /** GET {@code pathAndQuery} on {@code app}; {@code headers} alternate names and values. */
  static HttpResponse<String> get(AppProcess app, String pathAndQuery, String... headers) {
    URI uri = app.uri(pathAndQuery);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("GET " + uri + " failed: " + e + app.output(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted during GET " + uri, e);
    }
  }
}
