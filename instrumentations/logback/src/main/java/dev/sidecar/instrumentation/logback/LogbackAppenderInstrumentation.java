package dev.sidecar.instrumentation.logback;

import static dev.sidecar.agent.instrumentation.MethodMatchers.isPublic;
import static dev.sidecar.agent.instrumentation.MethodMatchers.named;
import static dev.sidecar.agent.instrumentation.MethodMatchers.takesArgument;
import static dev.sidecar.agent.instrumentation.MethodMatchers.takesArguments;

import dev.sidecar.agent.instrumentation.InstrumentationModule;
import dev.sidecar.agent.instrumentation.TypeTransformation;
import java.util.Collections;
import java.util.List;

/**
 * Log records from Logback 1.2 and later, however the event was logged (SLF4J 1.7 or 2.x, its fluent
 * API, or a bridge such as log4j-to-slf4j): every event that passed the logger's level and turbo
 * filters reaches {@code Logger.callAppenders(ILoggingEvent)}.
 */
public final class LogbackAppenderInstrumentation implements InstrumentationModule {
  @Override
  public String name() {
    return "logback-appender";
  }

  @Override
  public List<TypeTransformation> transformations() {
    return Collections.singletonList(
        TypeTransformation.forNamed("ch.qos.logback.classic.Logger")
            .advise(isPublic().and(named("callAppenders")).and(takesArguments(1))
                .and(takesArgument(0, "ch.qos.logback.classic.spi.ILoggingEvent")), CallAppendersAdvice.class));
  }
}
