package dev.sidecar.instrumentation.servlet.jakarta;

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
 * Server spans for the Servlet API 5.0+ ({@code jakarta.servlet}): Tomcat 10 and later, Jetty 12
 * (ee9, ee10) and every other container. The same rules as {@code ServletJavaxInstrumentation},
 * whose advice this module's repeats with the {@code jakarta} types: advice is inlined bytecode,
 * so it cannot be shared across the two packages. The first {@code Filter.doFilter} or {@code Servlet.service} of a request
 * starts its span; an async request ends at {@code AsyncContext.complete()} or when its last async
 * dispatch returns.
 */
public final class ServletJakartaInstrumentation implements InstrumentationModule {
  @Override
  public String name() {
    return "servlet";
  }

  @Override
  public List<TypeTransformation> transformations() {
    return Arrays.asList(
        TypeTransformation.forClassesOf("jakarta.servlet.Servlet")
            .advise(named("service").and(not(isAbstract())).and(takesArguments(2))
                .and(takesArgument(0, "jakarta.servlet.ServletRequest"))
                .and(takesArgument(1, "jakarta.servlet.ServletResponse")), ServletAdvice.class),
        TypeTransformation.forClassesOf("jakarta.servlet.Filter")
            .advise(named("doFilter").and(not(isAbstract())).and(takesArguments(3))
                .and(takesArgument(0, "jakarta.servlet.ServletRequest"))
                .and(takesArgument(1, "jakarta.servlet.ServletResponse")), ServletAdvice.class),
        TypeTransformation.forClassesOf("jakarta.servlet.ServletRequest")
            .advise(named("startAsync").and(not(isAbstract())), StartAsyncAdvice.class),
        TypeTransformation.forClassesOf("jakarta.servlet.AsyncContext")
            .advise(named("complete").and(not(isAbstract())).and(takesArguments(0)), AsyncCompleteAdvice.class));
  }
}
