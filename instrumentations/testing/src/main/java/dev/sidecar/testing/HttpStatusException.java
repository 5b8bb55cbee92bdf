package dev.sidecar.testing;

/** A request the HTTP side cannot read; the connection is answered with {@link #status} and closed. */
final class HttpStatusException extends Exception {

  private final int status;

  HttpStatusException(int status, String message) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }
}
