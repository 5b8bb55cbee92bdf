package dev.sidecar.instrumentation.servlet.javax;

import static dev.sidecar.agent.instrumentation.MethodMatchers.isAbstract;
import static dev.sidecar.agent.instrumentation.MethodMatchers.named;
import static dev.sidecar.agent.instrumentation.MethodMatchers.not;
import static dev.sidecar.agent.instrumentation.MethodMatchers.takesArgument;
import static dev.sidecar.agent.instrumentation.MethodMatchers.takesArguments;

import dev.sidecar.agent.instrumentation.InstrumentationModule;
import dev.sidecar.agent.instrumentation.TypeTransformation;
import java.util.Arrays;
import java.util.List;

/**
 * Server spans for the Servlet API 3.0+ ({@code javax.servlet}): Tomcat 7 to 9, Jetty 9 to 11 and
 * every other container. The first {@code Filter.doFilter} or {@code Servlet.service} of a request
 * starts its span; an async request ends at {@code AsyncContext.complete()} or when its last async
 * dispatch returns.
 */
public final class ServletJavaxInstrumentation implements InstrumentationModule {
  @Override
  public String name() {
    return "servlet";
  }

  @Override
  public List<TypeTransformation> transformations() {
    return Arrays.asList(
        TypeTransformation.forClassesOf("javax.servlet.Servlet")
            .advise(named("service").and(not(isAbstract())).and(takesArguments(2))
                .and(takesArgument(0, "javax.servlet.ServletRequest"))
                .and(takesArgument(1, "javax.servlet.ServletResponse")), ServletAdvice.class),
        TypeTransformation.forClassesOf("javax.servlet.Filter")
            .advise(named("doFilter").and(not(isAbstract())).and(takesArguments(3))
                .and(takesArgument(0, "javax.servlet.ServletRequest"))
                .and(takesArgument(1, "javax.servlet.ServletResponse")), ServletAdvice.class),
        TypeTransformation.forClassesOf("javax.servlet.ServletRequest")
            .advise(named("startAsync").and(not(isAbstract())), StartAsyncAdvice.class),
        TypeTransformation.forClassesOf("javax.servlet.AsyncContext")
            .advise(named("complete").and(not(isAbstract())).and(takesArguments(0)), AsyncCompleteAdvice.class));
  }
}
