package dev.sidecar.instrumentation.apachehttpclient5;

import static dev.sidecar.agent.instrumentation.MethodMatchers.named;
import static dev.sidecar.agent.instrumentation.MethodMatchers.takesArguments;

import dev.sidecar.agent.instrumentation.InstrumentationModule;
import dev.sidecar.agent.instrumentation.TypeTransformation;
import java.util.Arrays;
import java.util.List;

/**
 * Client spans for Apache HttpClient 5.x, classic API, one per send over the wire: the client's
 * execution chain runs {@code RedirectExec}, {@code HttpRequestRetryExec} and {@code ProtocolExec}
 * (authentication challenges) around {@code ConnectExec}, which runs once per send, so a followed
 * redirect, a retry or an answered challenge is a span of its own, numbered by
 * {@code http.request.resend_count} within the {@code InternalHttpClient.doExecute} call. The trace
 * headers go on the request object the chain sends, a copy the client made of the application's.
 * {@code HttpClients.createMinimal()} has no chain and makes no spans.
 */
public final class ApacheHttpClient5Instrumentation implements InstrumentationModule {
  @Override
  public String name() {
    return "apache-httpclient";
  }

  @Override
  public List<TypeTransformation> transformations() {
    return Arrays.asList(
        TypeTransformation.forNamed("org.apache.hc.client5.http.impl.classic.InternalHttpClient")
            .advise(named("doExecute").and(takesArguments(3)), ResendsAdvice.class),
        TypeTransformation.forNamed("org.apache.hc.client5.http.impl.classic.ConnectExec")
            .advise(named("execute").and(takesArguments(3)), SendAdvice.class));
  }
}
