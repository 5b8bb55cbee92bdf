package dev.sidecar.agent.export.http;

import io.opentelemetry.sdk.common.export.HttpResponse;

/** The collector's answer to one export: status, reason, body, and when to come back, if it said. */
final class CollectorResponse implements HttpResponse {
  private final int status;
  private final String reason;
  private final byte[] body;
  private final String retryAfter;

  CollectorResponse(int status, String reason, byte[] body, String retryAfter) {
    this.status = status;
    this.reason = reason;
    this.body = body;
    this.retryAfter = retryAfter;
  }

  @Override
  public int getStatusCode() {
    return status;
  }

  @Override
  public String getStatusMessage() {
    return reason;
  }

  @Override
  public byte[] getResponseBody() {
    return body;
  }

  /** The {@code Retry-After} header's value, or null. */
  String retryAfter() {
    return retryAfter;
  }
}
