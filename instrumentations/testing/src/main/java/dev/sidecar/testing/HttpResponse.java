package dev.sidecar.testing;

import java.nio.charset.StandardCharsets;

/** What the HTTP side answers; always sent with a Content-Length so the connection stays usable. */
record HttpResponse(int status, String contentType, byte[] body, int retryAfterSeconds) {

  HttpResponse(int status, String contentType, byte[] body) {
    this(status, contentType, body, -1);
  }

  static HttpResponse protobuf(byte[] body) {
    return new HttpResponse(200, "application/x-protobuf", body);
  }

  static HttpResponse error(int status, String message) {
    return new HttpResponse(
        status, "text/plain; charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** 429 or 503 with a {@code Retry-After} header, as a collector that sheds load answers. */
  static HttpResponse retryLater(int status, int retryAfterSeconds) {
    return new HttpResponse(status, "text/plain; charset=utf-8",
        ("retry after " + retryAfterSeconds + " s\n").getBytes(StandardCharsets.UTF_8), retryAfterSeconds);
  }

  String reason() {
    switch (status) {
      case 200:
        return "OK";
      case 400:
        return "Bad Request";
      case 404:
        return "Not Found";
      case 413:
        return "Payload Too Large";
      case 415:
        return "Unsupported Media Type";
      case 429:
        return "Too Many Requests";
      case 503:
        return "Service Unavailable";
      case 501:
        return "Not Implemented";
      default:
        return "Internal Server Error";
    }
  }
}
