package dev.sidecar.instrumentation.okhttp;

import dev.sidecar.bootstrap.SpanRecord;
import dev.sidecar.bootstrap.http.HttpClientSpans;
import net.bytebuddy.asm.Advice;
import okhttp3.Request;

/**
 * Inlined into the HTTP/1 and HTTP/2 codecs' {@code writeRequestHeaders(Request)}: while a send's
 * span is current, the codec writes a copy of the request that carries the span's
 * {@code traceparent}, {@code tracestate} and {@code baggage}. Only the codec sees the copy.
 */
final class RequestHeadersAdvice {
  private RequestHeadersAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void enter(@Advice.Argument(value = 0, readOnly = false) Request request) {
    SpanRecord span = HttpClientSpans.currentForInjection("dev.sidecar.okhttp");
    if (span == null) {
      return;
    }
    String traceparent = HttpClientSpans.traceparent(span);
    String baggage = HttpClientSpans.baggage(span);
    // Baggage the application set itself wins over what came in with the request.
    boolean addBaggage = baggage != null && request.header("baggage") == null;
    if (traceparent == null && !addBaggage) {
      return;
    }
    Request.Builder injected = request.newBuilder();
    if (traceparent != null) {
      injected.header("traceparent", traceparent);
      String tracestate = HttpClientSpans.tracestate(span);
      if (tracestate != null) {
        injected.header("tracestate", tracestate);
      } else {
        injected.removeHeader("tracestate");
      }
    }
    if (addBaggage) {
      injected.header("baggage", baggage);
    }
    request = injected.build();
  }
}
