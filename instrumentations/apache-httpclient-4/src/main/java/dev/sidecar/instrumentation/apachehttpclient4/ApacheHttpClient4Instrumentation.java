package dev.sidecar.instrumentation.apachehttpclient4;

import static dev.sidecar.agent.instrumentation.MethodMatchers.named;
import static dev.sidecar.agent.instrumentation.MethodMatchers.takesArguments;

import dev.sidecar.agent.instrumentation.InstrumentationModule;
import dev.sidecar.agent.instrumentation.TypeTransformation;
import java.util.Arrays;
import java.util.List;

/**
 * Client spans for Apache HttpClient 4.3 to 4.5, one per send: the execution chain of
 * {@code HttpClientBuilder} runs {@code RedirectExec} and the retry steps around
 * {@code ProtocolExec}, which runs once per send, so a followed redirect or a retry is a span of its
 * own, numbered by {@code http.request.resend_count} within the {@code InternalHttpClient.doExecute}
 * call; {@code HttpClients.createMinimal()} sends once through {@code MinimalClientExec}. An
 * authentication challenge is answered inside {@code MainClientExec}, within the send's span. The
 * trace headers go on the client's own wrapper of the application's request. The 4.0-4.2 API
 * ({@code DefaultHttpClient}) has no such chain and makes no spans.
 */
public final class ApacheHttpClient4Instrumentation implements InstrumentationModule {
  @Override
  public String name() {
    return "apache-httpclient";
  }

  @Override
  public List<TypeTransformation> transformations() {
    return Arrays.asList(
        TypeTransformation.forNamed("org.apache.http.impl.client.InternalHttpClient")
            .advise(named("doExecute").and(takesArguments(3)), ResendsAdvice.class),
        TypeTransformation.forNamed("org.apache.http.impl.execchain.ProtocolExec",
                "org.apache.http.impl.execchain.MinimalClientExec")
            .advise(named("execute").and(takesArguments(4)), SendAdvice.class));
  }
}
