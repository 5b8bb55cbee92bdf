package dev.sidecar.instrumentation.log4j2;

import static dev.sidecar.agent.instrumentation.MethodMatchers.isAbstract;
import static dev.sidecar.agent.instrumentation.MethodMatchers.named;
import static dev.sidecar.agent.instrumentation.MethodMatchers.not;
import static dev.sidecar.agent.instrumentation.MethodMatchers.returns;
import static dev.sidecar.agent.instrumentation.MethodMatchers.takesArgument;
import static dev.sidecar.agent.instrumentation.MethodMatchers.takesArguments;

import dev.sidecar.agent.instrumentation.InstrumentationModule;
import dev.sidecar.agent.instrumentation.TypeTransformation;
import java.util.Collections;
import java.util.List;

/**
 * {@code trace_id}, {@code span_id} and {@code trace_flags} in the context data of every Log4j 2 event
 * created inside a span, so {@code %X{trace_id}} prints them. Each {@code ContextDataInjector} builds
 * an event's context data from the {@code ThreadContext} on the logging thread, for synchronous and
 * asynchronous loggers alike.
 */
public final class Log4jContextDataInstrumentation implements InstrumentationModule {
  @Override
  public String name() {
    return "log4j-context-data";
  }

  @Override
  public List<TypeTransformation> transformations() {
    return Collections.singletonList(
        TypeTransformation.forClassesOf("org.apache.logging.log4j.core.ContextDataInjector")
            .advise(named("injectContextData").and(not(isAbstract())).and(takesArguments(2))
                .and(takesArgument(1, "org.apache.logging.log4j.util.StringMap"))
                .and(returns("org.apache.logging.log4j.util.StringMap")), InjectContextDataAdvice.class));
  }
}
