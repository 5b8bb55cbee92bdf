package dev.sidecar.instrumentation.httpurlconnection;

import static dev.sidecar.agent.instrumentation.MethodMatchers.isAbstract;
import static dev.sidecar.agent.instrumentation.MethodMatchers.isPublic;
import static dev.sidecar.agent.instrumentation.MethodMatchers.namedOneOf;
import static dev.sidecar.agent.instrumentation.MethodMatchers.not;
import static dev.sidecar.agent.instrumentation.MethodMatchers.takesArguments;

import dev.sidecar.agent.instrumentation.InstrumentationModule;
import dev.sidecar.agent.instrumentation.TypeTransformation;
import java.util.Collections;
import java.util.List;

/**
 * Client spans for {@code java.net.HttpURLConnection}, http and https, one per connection: the
 * JDK's implementation follows redirects and answers authentication challenges inside
 * {@code getInputStream}, where no single send can be told apart, so the span covers the call,
 * with the URL first asked for and the final status (OpenTelemetry's rule for such libraries, and
 * what its agent does here). The span starts with the first of {@code connect},
 * {@code getOutputStream} and {@code getInputStream}, which also sets the trace headers as request
 * properties, and ends when {@code getInputStream} returns or a call throws; {@code getResponseCode}
 * and the header getters go through {@code getInputStream}. {@code HttpsURLConnectionImpl} only
 * delegates to an instrumented connection and is left out, as the OpenTelemetry agent leaves it.
 */
public final class HttpUrlConnectionInstrumentation implements InstrumentationModule {
  @Override
  public String name() {
    return "http-url-connection";
  }

  @Override
  public List<TypeTransformation> transformations() {
    return Collections.singletonList(
        TypeTransformation.forNamesStartingWith("sun.net.www.protocol.", "java.net.HttpURLConnection",
                "sun.net.www.protocol.https.HttpsURLConnectionImpl")
            .advise(isPublic().and(not(isAbstract())).and(takesArguments(0))
                .and(namedOneOf("connect", "getOutputStream", "getInputStream")), ConnectionAdvice.class));
  }
}
