package dev.sidecar.instrumentation.jdkhttpclient;

import dev.sidecar.bootstrap.SpanRecord;
import dev.sidecar.bootstrap.http.HttpClientSpans;
import dev.sidecar.bootstrap.http.JdkHttpClientCompletion;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code HttpClientImpl.send}: the span covers the blocking call. */
final class SendAdvice {
  private SendAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static SpanRecord enter(@Advice.Argument(0) HttpRequest request) {
    return HttpClientSpans.start("dev.sidecar.java-http-client", request.method(), request.uri());
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Enter SpanRecord span, @Advice.Return HttpResponse<?> response,
      @Advice.Thrown Throwable thrown) {
    if (span == null) {
      return;
    }
    if (response == null) {
      HttpClientSpans.end(span, 0, null, thrown);
    } else {
      HttpClientSpans.end(span, response.statusCode(), JdkHttpClientCompletion.protocolVersion(response.version()), thrown);
    }
  }
}
