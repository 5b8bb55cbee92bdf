package dev.sidecar.instrumentation.jdkhttpserver;

import static dev.sidecar.agent.instrumentation.MethodMatchers.isPublic;
import static dev.sidecar.agent.instrumentation.MethodMatchers.named;
import static dev.sidecar.agent.instrumentation.MethodMatchers.takesArgument;
import static dev.sidecar.agent.instrumentation.MethodMatchers.takesArguments;

import dev.sidecar.agent.instrumentation.InstrumentationModule;
import dev.sidecar.agent.instrumentation.TypeTransformation;
import java.util.Collections;
import java.util.List;

/**
 * Server spans for the JDK's {@code com.sun.net.httpserver}. Every exchange, on every server,
 * passes through {@code Filter.Chain.doFilter(HttpExchange)} before the handler runs: the
 * outermost call makes the span, nested calls (one per filter) see it and make none.
 */
public final class JdkHttpServerInstrumentation implements InstrumentationModule {
  static final String SCOPE = "dev.sidecar.java-http-server";

  @Override
  public String name() {
    return "java-http-server";
  }

  @Override
  public List<TypeTransformation> transformations() {
    return Collections.singletonList(
        TypeTransformation.forNamed("com.sun.net.httpserver.Filter$Chain")
            .advise(isPublic().and(named("doFilter")).and(takesArguments(1))
                .and(takesArgument(0, "com.sun.net.httpserver.HttpExchange")), FilterChainAdvice.class));
  }
}
