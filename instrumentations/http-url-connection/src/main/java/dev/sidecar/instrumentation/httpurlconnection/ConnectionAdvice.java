package dev.sidecar.instrumentation.httpurlconnection;

import dev.sidecar.bootstrap.http.HttpUrlConnectionSpans;
import java.net.HttpURLConnection;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code connect}, {@code getOutputStream} and {@code getInputStream}: the first call
 * of a connection starts its span; the outermost call makes it current while it runs.
 */
final class ConnectionAdvice {
  private ConnectionAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static HttpUrlConnectionSpans.Held enter(@Advice.This HttpURLConnection connection,
      @Advice.FieldValue("responseCode") int responseCode) {
    return HttpUrlConnectionSpans.enter("dev.sidecar.http-url-connection", connection, responseCode);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.This HttpURLConnection connection, @Advice.Enter HttpUrlConnectionSpans.Held held,
      @Advice.FieldValue("responseCode") int responseCode, @Advice.Thrown Throwable thrown,
      @Advice.Origin("#m") String method) {
    if (held != null) {
      HttpUrlConnectionSpans.exit(connection, held, responseCode, thrown, "getInputStream".equals(method));
    }
  }
}
