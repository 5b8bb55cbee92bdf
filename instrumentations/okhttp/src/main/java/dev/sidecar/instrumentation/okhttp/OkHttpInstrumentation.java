package dev.sidecar.instrumentation.okhttp;

import static dev.sidecar.agent.instrumentation.MethodMatchers.named;
import static dev.sidecar.agent.instrumentation.MethodMatchers.nameStartsWith;
import static dev.sidecar.agent.instrumentation.MethodMatchers.takesArguments;

import dev.sidecar.agent.instrumentation.InstrumentationModule;
import dev.sidecar.agent.instrumentation.TypeTransformation;
import java.util.Arrays;
import java.util.List;

/**
 * Client spans for OkHttp 3.x and 4.x, one per send over the wire, as OpenTelemetry's OkHttp
 * instrumentation makes them: {@code ConnectInterceptor} runs once per send (after the retry and
 * redirect loop, before the network), so a followed redirect or a retry is a span of its own,
 * numbered by {@code http.request.resend_count} within the call that
 * {@code RetryAndFollowUpInterceptor} loops over; a failed connection is a span too. The trace
 * context goes into the request the codec writes, so the application's request is never changed.
 * An enqueued call runs under the span that was current when it was queued. Class names are the
 * same in 3.x and 4.x except where both are listed (4.x moved {@code RealCall}; 3.x before 3.14
 * had other codec names).
 */
public final class OkHttpInstrumentation implements InstrumentationModule {
  @Override
  public String name() {
    return "okhttp";
  }

  @Override
  public List<TypeTransformation> transformations() {
    return Arrays.asList(
        TypeTransformation.forNamed("okhttp3.RealCall", "okhttp3.internal.connection.RealCall")
            .advise(named("enqueue").and(takesArguments(1)), EnqueueAdvice.class)
            .advise(nameStartsWith("getResponseWithInterceptorChain").and(takesArguments(0)), CallAdvice.class),
        TypeTransformation.forNamed("okhttp3.Dispatcher")
            .advise(nameStartsWith("enqueue").and(takesArguments(1)), DispatcherEnqueueAdvice.class),
        TypeTransformation.forNamed("okhttp3.internal.http.RetryAndFollowUpInterceptor")
            .advise(named("intercept").and(takesArguments(1)), ResendsAdvice.class),
        TypeTransformation.forNamed("okhttp3.internal.connection.ConnectInterceptor")
            .advise(named("intercept").and(takesArguments(1)), SendAdvice.class),
        TypeTransformation.forNamed("okhttp3.internal.http1.Http1ExchangeCodec",
                "okhttp3.internal.http2.Http2ExchangeCodec", "okhttp3.internal.http1.Http1Codec",
                "okhttp3.internal.http2.Http2Codec")
            .advise(named("writeRequestHeaders").and(takesArguments(1)), RequestHeadersAdvice.class));
  }
}
