package dev.sidecar.instrumentation.jdkhttpclient;

import static dev.sidecar.agent.instrumentation.MethodMatchers.isPublic;
import static dev.sidecar.agent.instrumentation.MethodMatchers.named;
import static dev.sidecar.agent.instrumentation.MethodMatchers.takesArguments;

import dev.sidecar.agent.instrumentation.InstrumentationModule;
import dev.sidecar.agent.instrumentation.TypeTransformation;
import java.util.Arrays;
import java.util.List;

/**
 * Client spans for {@code java.net.http.HttpClient}. {@code HttpClientImpl} is the one
 * implementation behind {@code HttpClient.newHttpClient()} and the builder (JDK 11 to 25): its
 * public {@code send} and {@code sendAsync} make the span. The trace context is added where the
 * client reads the request's headers, {@code ImmutableHttpRequest.headers()}, which it does on the
 * calling thread while the span is current; the request object itself is never replaced.
 */
public final class JdkHttpClientInstrumentation implements InstrumentationModule {
  static final String SCOPE = "dev.sidecar.java-http-client";

  @Override
  public String name() {
    return "java-http-client";
  }

  @Override
  public List<TypeTransformation> transformations() {
    return Arrays.asList(
        TypeTransformation.forNamed("jdk.internal.net.http.HttpClientImpl")
            .advise(isPublic().and(named("send")).and(takesArguments(2)), SendAdvice.class)
            .advise(isPublic().and(named("sendAsync")), SendAsyncAdvice.class),
        TypeTransformation.forNamed("jdk.internal.net.http.ImmutableHttpRequest")
            .advise(isPublic().and(named("headers")).and(takesArguments(0)), RequestHeadersAdvice.class));
  }
}
