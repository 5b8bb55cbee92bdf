package dev.sidecar.instrumentation.jdkhttpclient;

import dev.sidecar.bootstrap.SpanRecord;
import dev.sidecar.bootstrap.http.AcceptAllHeaders;
import dev.sidecar.bootstrap.http.HttpClientSpans;
import java.net.http.HttpHeaders;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ImmutableHttpRequest.headers()}: while a client span of this instrumentation
 * is current (that is, while the client prepares the request), the headers it reads carry the
 * span's {@code traceparent}, {@code tracestate} and {@code baggage}.
 */
final class RequestHeadersAdvice {
  private RequestHeadersAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  static void exit(@Advice.Return(readOnly = false) HttpHeaders headers) {
    SpanRecord span = HttpClientSpans.currentForInjection("dev.sidecar.java-http-client");
    if (span == null) {
      return;
    }
    String traceparent = HttpClientSpans.traceparent(span);
    String tracestate = HttpClientSpans.tracestate(span);
    String baggage = HttpClientSpans.baggage(span);
    if (traceparent == null && baggage == null) {
      return;
    }
    Map<String, List<String>> injected = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    injected.putAll(headers.map());
    if (traceparent != null) {
      injected.put("traceparent", Collections.singletonList(traceparent));
      if (tracestate != null) {
        injected.put("tracestate", Collections.singletonList(tracestate));
      } else {
        injected.remove("tracestate");
      }
    }
    // Baggage the application set itself wins over what came in with the request.
    if (baggage != null && !injected.containsKey("baggage")) {
      injected.put("baggage", Collections.singletonList(baggage));
    }
    headers = HttpHeaders.of(injected, AcceptAllHeaders.INSTANCE);
  }
}
