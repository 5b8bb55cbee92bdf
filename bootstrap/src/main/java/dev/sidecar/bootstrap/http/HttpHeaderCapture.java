package dev.sidecar.bootstrap.http;

import java.util.Locale;

/**
 * The request and response headers recorded on server spans, from
 * {@code otel.instrumentation.http.server.capture-request-headers} and
 * {@code ...-response-headers}: none unless configured. Attribute keys are built once, here.
 */
public final class HttpHeaderCapture {
  private static volatile Names request = new Names(new String[0], "http.request.header.");
  private static volatile Names response = new Names(new String[0], "http.response.header.");

  private HttpHeaderCapture() {}

  public static void configure(String[] requestHeaders, String[] responseHeaders) {
    request = new Names(requestHeaders, "http.request.header.");
    response = new Names(responseHeaders, "http.response.header.");
  }

  /** Header names to read from the request, lower case; often empty. */
  public static String[] requestHeaders() {
    return request.headers;
  }

  public static String[] responseHeaders() {
    return response.headers;
  }

  static String requestKey(int index) {
    return request.keys[index];
  }

  static String responseKey(int index) {
    return response.keys[index];
  }

  private static final class Names {
    final String[] headers;
    final String[] keys;

    Names(String[] names, String prefix) {
      headers = new String[names.length];
      keys = new String[names.length];
      for (int i = 0; i < names.length; i++) {
        headers[i] = names[i].trim().toLowerCase(Locale.ROOT);
        keys[i] = prefix + headers[i];
      }
    }
  }
}
