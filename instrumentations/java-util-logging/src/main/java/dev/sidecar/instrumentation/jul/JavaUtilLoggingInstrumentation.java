package dev.sidecar.instrumentation.jul;

import static dev.sidecar.agent.instrumentation.MethodMatchers.isPublic;
import static dev.sidecar.agent.instrumentation.MethodMatchers.named;
import static dev.sidecar.agent.instrumentation.MethodMatchers.takesArgument;
import static dev.sidecar.agent.instrumentation.MethodMatchers.takesArguments;

import dev.sidecar.agent.instrumentation.InstrumentationModule;
import dev.sidecar.agent.instrumentation.TypeTransformation;
import java.util.Collections;
import java.util.List;

/**
 * Log records from {@code java.util.logging}: every event of every logger passes through
 * {@code Logger.log(LogRecord)}, where the logger's level and filter decide whether it is logged.
 */
public final class JavaUtilLoggingInstrumentation implements InstrumentationModule {
  @Override
  public String name() {
    return "java-util-logging";
  }

  @Override
  public List<TypeTransformation> transformations() {
    return Collections.singletonList(
        TypeTransformation.forNamed("java.util.logging.Logger")
            .advise(isPublic().and(named("log")).and(takesArguments(1))
                .and(takesArgument(0, "java.util.logging.LogRecord")), LoggerLogAdvice.class));
  }
}
