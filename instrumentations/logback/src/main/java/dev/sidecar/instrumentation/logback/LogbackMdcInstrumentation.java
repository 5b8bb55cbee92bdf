package dev.sidecar.instrumentation.logback;

import static dev.sidecar.agent.instrumentation.MethodMatchers.isPublic;
import static dev.sidecar.agent.instrumentation.MethodMatchers.named;
import static dev.sidecar.agent.instrumentation.MethodMatchers.takesArguments;

import dev.sidecar.agent.instrumentation.InstrumentationModule;
import dev.sidecar.agent.instrumentation.TypeTransformation;
import java.util.Collections;
import java.util.List;

/**
 * {@code trace_id}, {@code span_id} and {@code trace_flags} in the MDC of every Logback event logged
 * inside a span, so {@code %X{trace_id}} prints them: layouts, encoders and {@code AsyncAppender} all
 * read an event's MDC through {@code LoggingEvent.getMDCPropertyMap()}.
 */
public final class LogbackMdcInstrumentation implements InstrumentationModule {
  @Override
  public String name() {
    return "logback-mdc";
  }

  @Override
  public List<TypeTransformation> transformations() {
    return Collections.singletonList(
        TypeTransformation.forNamed("ch.qos.logback.classic.spi.LoggingEvent")
            .advise(isPublic().and(named("getMDCPropertyMap")).and(takesArguments(0)), MdcPropertyMapAdvice.class));
  }
}
