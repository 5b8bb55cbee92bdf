package dev.sidecar.instrumentation.okhttp;

import dev.sidecar.bootstrap.SpanRecord;
import dev.sidecar.bootstrap.http.HttpClientSpans;
import net.bytebuddy.asm.Advice;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.internal.connection.RouteException;

/**
 * Inlined into {@code ConnectInterceptor.intercept}: the span of one send covers connecting, the
 * application's network interceptors, writing the request and reading the response headers.
 */
final class SendAdvice {
  private SendAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static SpanRecord enter(@Advice.Argument(0) Interceptor.Chain chain) {
    Request request = chain.request();
    SpanRecord span = HttpClientSpans.startSend("dev.sidecar.okhttp", request.method());
    // The target is read for a sampled span only, as in the other client libraries' advice.
    if (span != null && span.sampled()) {
      HttpUrl url = request.url();
      HttpClientSpans.request(span, url.toString(), url.scheme(), url.host(), url.port());
    }
    return span;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Enter SpanRecord span, @Advice.Return Response response, @Advice.Thrown Throwable thrown) {
    if (span == null) {
      return;
    }
    if (response != null) {
      HttpClientSpans.end(span, response.code(), HttpClientSpans.protocolVersionOfAlpn(response.protocol().toString()), null);
    } else if (thrown instanceof RouteException) {
      // A failed connection comes wrapped; OkHttp hands the application the first connect failure.
      HttpClientSpans.end(span, 0, null, ((RouteException) thrown).getFirstConnectException());
    } else {
      HttpClientSpans.end(span, 0, null, thrown);
    }
  }
}
