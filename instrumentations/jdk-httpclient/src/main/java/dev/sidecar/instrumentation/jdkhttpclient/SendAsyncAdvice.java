package dev.sidecar.instrumentation.jdkhttpclient;

import dev.sidecar.bootstrap.SpanRecord;
import dev.sidecar.bootstrap.http.HttpClientSpans;
import dev.sidecar.bootstrap.http.JdkHttpClientCompletion;
import java.net.http.HttpRequest;
import java.util.concurrent.CompletableFuture;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code HttpClientImpl.sendAsync}: the span is current only while the request is
 * prepared on the caller's thread, and ends when the response future completes.
 */
final class SendAsyncAdvice {
  private SendAsyncAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static SpanRecord enter(@Advice.Argument(0) HttpRequest request) {
    return HttpClientSpans.start("dev.sidecar.java-http-client", request.method(), request.uri());
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Enter SpanRecord span, @Advice.Return CompletableFuture<?> future,
      @Advice.Thrown Throwable thrown) {
    if (span == null) {
      return;
    }
    span.closeScope();
    if (future == null) {
      HttpClientSpans.end(span, 0, null, thrown);
    } else {
      // The application keeps its own future; the span ends beside it, never in its way.
      future.whenComplete(JdkHttpClientCompletion.ending(span));
    }
  }
}
